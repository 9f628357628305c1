import { arrayArgument, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.ArrayLength";

/** States.ArrayLength(array): the number of items. */
export const statesArrayLength = simpleIntrinsic(
  name,
  1,
  1,
  (values) => arrayArgument(name, values, 0).length,
);
