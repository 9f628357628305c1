import { booleanArgument, intrinsicFailure, objectArgument, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.JsonMerge";

/**
 * States.JsonMerge(a, b, false): a shallow merge, keys of `b` winning. AWS supports only the shallow mode,
 * so the deep-merge flag must be false.
 */
export const statesJsonMerge = simpleIntrinsic(name, 3, 3, (values) => {
  const left = objectArgument(name, values, 0);
  const right = objectArgument(name, values, 1);
  if (booleanArgument(name, values, 2)) {
    throw intrinsicFailure(name, "deep merging is not supported; the third argument must be false");
  }
  return { ...left, ...right };
});
