import { createHash } from "node:crypto";
import type { JsonObject } from "@stepflow/asl";

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Retries that every drill Task carries: a transient failure is retried after a durable 1 s timer. */
const retry = [{ ErrorEquals: ["Transient"], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 3 }];

/** One task of the drill: `op` on `value`, with the token in the parameters so history names it. */
function task(op: string, value: JsonObject, rest: JsonObject): JsonObject {
  return {
    Type: "Task",
    Resource: fn("drill"),
    Parameters: { op, ...value, "token.$": "$$.Task.Token" },
    Retry: retry,
    ...rest,
  };
}

/**
 * The crash drill's workflow: Task → Wait (1–2 s) → Parallel [Task | Map of Tasks] → Task, every Task with
 * Retry. Each Task's parameters carry its task token, so a history names the token of every TaskScheduled.
 */
export const drillDefinition = {
  StartAt: "Prepare",
  States: {
    Prepare: task("prepare", { "value.$": "$.n" }, { ResultPath: "$.prepared", Next: "Pause" }),
    Pause: { Type: "Wait", SecondsPath: "$.waitSeconds", Next: "Fan" },
    Fan: {
      Type: "Parallel",
      ResultPath: "$.fan",
      Next: "Combine",
      Branches: [
        { StartAt: "Side", States: { Side: task("side", { "value.$": "$.prepared" }, { End: true }) } },
        {
          StartAt: "Each",
          States: {
            Each: {
              Type: "Map",
              ItemsPath: "$.items",
              MaxConcurrency: 0,
              ItemProcessor: {
                ProcessorConfig: { Mode: "INLINE" },
                StartAt: "Square",
                States: { Square: task("square", { "value.$": "$" }, { End: true }) },
              },
              End: true,
            },
          },
        },
      ],
    },
    Combine: task(
      "combine",
      { "side.$": "$.fan[0]", "squares.$": "$.fan[1]" },
      { ResultPath: "$.result", End: true },
    ),
  },
};

/** The input of the drill's execution number `n`. */
export function drillInput(n: number): { n: number; waitSeconds: number; items: number[] } {
  return { n, waitSeconds: 1 + (n % 2), items: [n, n + 1, n + 2] };
}

/** What the drill's execution number `n` must output. */
export function expectedOutput(n: number): JsonObject {
  const input = drillInput(n);
  const prepared = n * 3;
  const side = prepared + 7;
  const squares = input.items.map((i) => i * i);
  return { ...input, prepared, fan: [side, squares], result: side + squares.reduce((a, b) => a + b, 0) };
}

/** What a drill task asks for: the parameters of {@link drillDefinition}'s Tasks. */
export interface DrillTaskInput {
  op: "prepare" | "side" | "square" | "combine";
  token: string;
  value?: number;
  side?: number;
  squares?: number[];
}

/**
 * Whether attempt `attempt` of `op` on this input fails transiently. Deterministic (a hash of the op, its
 * value and the attempt), about one attempt in four, never the third, so Retry (3 attempts) always ends
 * in success and the number of retries of every execution is known in advance.
 */
export function failsTransiently(input: DrillTaskInput, attempt: number): boolean {
  if (attempt >= 2) return false;
  const key = `${input.op}:${input.value ?? input.side ?? -1}:${attempt}`;
  return createHash("sha256").update(key).digest()[0]! < 64;
}

/** The result of a drill task (the handler's effect is recorded separately). */
export function drillResult(input: DrillTaskInput): number {
  switch (input.op) {
    case "prepare":
      return input.value! * 3;
    case "side":
      return input.value! + 7;
    case "square":
      return input.value! * input.value!;
    case "combine":
      return input.side! + input.squares!.reduce((a, b) => a + b, 0);
  }
}

/** A transient failure of a drill task, retried by the workflow's Retry. */
export class Transient extends Error {
  override name = "Transient";
}
