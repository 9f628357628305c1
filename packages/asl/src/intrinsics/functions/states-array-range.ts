import { integerArgument, intrinsicFailure, simpleIntrinsic } from "../intrinsic-function.ts";

const name = "States.ArrayRange";
const maxItems = 1000;

/**
 * States.ArrayRange(first, last, step): first, first+step, ... up to and including `last` when the step
 * lands on it. All integers, step non-zero, at most 1000 items (AWS limits).
 */
export const statesArrayRange = simpleIntrinsic(name, 3, 3, (values) => {
  const first = integerArgument(name, values, 0);
  const last = integerArgument(name, values, 1);
  const step = integerArgument(name, values, 2);
  if (step === 0) throw intrinsicFailure(name, "the step (third argument) must not be 0");
  const count = Math.sign(last - first) === -Math.sign(step) ? 0 : Math.floor((last - first) / step) + 1;
  if (count > maxItems) {
    throw intrinsicFailure(name, `the range would have ${count} items; at most ${maxItems} are allowed`);
  }
  return Array.from({ length: count }, (_, index) => first + index * step);
});
