import { StatesError, StatesFailure } from "../errors.ts";
import type { IntrinsicEnv } from "../intrinsics/intrinsic-env.ts";
import type { IntrinsicFunction } from "../intrinsics/intrinsic-function.ts";
import { statesArrayPartition } from "../intrinsics/functions/states-array-partition.ts";
import { statesArrayRange } from "../intrinsics/functions/states-array-range.ts";
import { statesHash } from "../intrinsics/functions/states-hash.ts";
import { javaRandomDouble } from "../intrinsics/java-random.ts";
import type { Json } from "../json.ts";

/**
 * The functions Step Functions adds to JSONata (developer guide, "Transforming data with JSONata"):
 * $partition, $range, $hash, $random, $uuid and $parse. The first three share the intrinsics' code, so
 * both query languages fail the same way on bad arguments. `$random(seed)` is reproducible: Java's
 * `new Random(seed).nextDouble()`, as States.MathRandom with a seed follows `java.util.Random`.
 */
export function awsJsonataFunctions(env: IntrinsicEnv): Record<string, (...args: unknown[]) => unknown> {
  return {
    partition: viaIntrinsic(statesArrayPartition, env),
    range: viaIntrinsic(statesArrayRange, env),
    hash: viaIntrinsic(statesHash, env),
    random: (seed?: unknown) => {
      if (seed === undefined) return env.random();
      if (typeof seed !== "number" || !Number.isFinite(seed)) {
        throw new StatesFailure(
          StatesError.QueryEvaluationError,
          `$random expects a number as its seed but got ${JSON.stringify(seed)}`,
        );
      }
      return javaRandomDouble(Math.trunc(seed));
    },
    uuid: () => env.uuid(),
    parse: (text: unknown) => {
      if (typeof text !== "string") {
        throw new StatesFailure(
          StatesError.QueryEvaluationError,
          `$parse expects a string but got ${JSON.stringify(text)}`,
        );
      }
      try {
        return JSON.parse(text) as Json;
      } catch (error) {
        throw new StatesFailure(
          StatesError.QueryEvaluationError,
          `$parse could not parse ${JSON.stringify(text)}: ${(error as Error).message}`,
        );
      }
    },
  };
}

function viaIntrinsic(fn: IntrinsicFunction, env: IntrinsicEnv): (...args: unknown[]) => unknown {
  const evaluate = fn.compile([]);
  if (typeof evaluate === "string") throw new Error(evaluate);
  return (...args: unknown[]) => evaluate(args as Json[], env);
}
