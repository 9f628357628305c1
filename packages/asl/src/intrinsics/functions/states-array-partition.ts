import type { Json } from "../../json.ts";
import { arrayArgument, integerArgument, intrinsicFailure, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.ArrayPartition";

/** States.ArrayPartition(array, size): consecutive chunks of `size` items; the last may be shorter. */
export const statesArrayPartition = simpleIntrinsic(name, 2, 2, (values) => {
  const array = arrayArgument(name, values, 0);
  const size = integerArgument(name, values, 1);
  if (size <= 0) throw intrinsicFailure(name, `the chunk size must be a positive integer, but was ${size}`);
  const chunks: Json[] = [];
  for (let start = 0; start < array.length; start += size) chunks.push(array.slice(start, start + size));
  return chunks;
});
