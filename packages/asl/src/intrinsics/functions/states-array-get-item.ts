import { arrayArgument, integerArgument, intrinsicFailure, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.ArrayGetItem";

/** States.ArrayGetItem(array, index): the item at a zero-based index inside the array. */
export const statesArrayGetItem = simpleIntrinsic(name, 2, 2, (values) => {
  const array = arrayArgument(name, values, 0);
  const index = integerArgument(name, values, 1);
  const item = index >= 0 ? array[index] : undefined;
  if (item === undefined) {
    throw intrinsicFailure(
      name,
      `the index ${index} is out of bounds for an array of length ${array.length}`,
    );
  }
  return item;
});
