import { roundedArgument, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.MathAdd";

/** States.MathAdd(a, b): the sum, each argument first rounded to the nearest integer (halves up), as AWS does. */
export const statesMathAdd = simpleIntrinsic(
  name,
  2,
  2,
  (values) => roundedArgument(name, values, 0) + roundedArgument(name, values, 1),
);
