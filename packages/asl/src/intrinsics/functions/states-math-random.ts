import { intrinsicFailure, roundedArgument, simpleIntrinsic } from "../intrinsic-function.ts";
import { javaRandomInt } from "../java-random.ts";

const name = "States.MathRandom";

/**
 * States.MathRandom(start, end[, seed]): a random integer from `start` (inclusive) to `end` (exclusive);
 * arguments are rounded to integers. With a seed the value is reproducible (java.util.Random's sequence);
 * without one it comes from the execution's random source.
 */
export const statesMathRandom = simpleIntrinsic(name, 2, 3, (values, env) => {
  const start = roundedArgument(name, values, 0);
  const end = roundedArgument(name, values, 1);
  if (end <= start)
    throw intrinsicFailure(name, `the end (${end}) must be greater than the start (${start})`);
  const span = end - start;
  if (values.length === 3) return start + javaRandomInt(roundedArgument(name, values, 2), span);
  return start + Math.floor(env.random() * span);
});
