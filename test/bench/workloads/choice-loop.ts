import type { Json, JsonObject } from "@stepflow/asl";
import { Peer, type Goal, type Workload } from "../workload.ts";

const rounds = 25;
const width = 10;

/** How the loop counter moves on: `linked` reads the next value from a pre-built chain, `math-add` uses States.MathAdd. */
export type CounterStep = "linked" | "math-add";

/**
 * A loop of 10 Pass + 10 Choice states (numeric and string rules) that runs `rounds` times, then Succeeds.
 * `linked` uses JSONPath only, so every interpreter can run it (statebox has no States.MathAdd);
 * `math-add` is the same loop with the counter incremented by States.MathAdd.
 */
export function choiceLoop(step: CounterStep): Workload {
  const states: Record<string, JsonObject> = {
    Advance: {
      Type: "Pass",
      ...(step === "linked"
        ? { InputPath: "$.counter.next" }
        : { Parameters: { "value.$": "States.MathAdd($.counter.value, 1)" } }),
      ResultPath: "$.counter",
      Next: "Check1",
    },
    Done: { Type: "Succeed" },
    Overflow: { Type: "Fail", Error: "Bench.Overflow", Cause: "the loop ran past its bound" },
  };
  for (let i = 1; i <= width; i++) {
    if (i > 1) {
      states[`Pass${i}`] = {
        Type: "Pass",
        Parameters: { pass: i, "value.$": "$.counter.value", "tag.$": "$.tag" },
        ResultPath: "$.scratch",
        Next: `Check${i}`,
      };
    }
    states[`Check${i}`] =
      i < width
        ? {
            Type: "Choice",
            Choices: [
              { Variable: "$.counter.value", NumericGreaterThan: rounds, Next: "Overflow" },
              {
                And: [
                  { Variable: "$.tag", StringEquals: "loop" },
                  { Variable: "$.counter.value", NumericGreaterThanEquals: 1 },
                ],
                Next: `Pass${i + 1}`,
              },
            ],
            Default: "Overflow",
          }
        : {
            Type: "Choice",
            Choices: [
              { Variable: "$.counter.value", NumericLessThan: rounds, Next: "Advance" },
              { Variable: "$.tag", StringEquals: "loop", Next: "Done" },
            ],
            Default: "Overflow",
          };
  }
  const goals: Goal[] = [{ peer: Peer.AwsLocal, ratio: 5 }];
  if (step === "linked") goals.push({ peer: Peer.Statebox, ratio: 10 });
  return {
    name: step === "linked" ? "choice-loop" : "choice-loop-math-add",
    description:
      `${width} Pass + ${width} Choice (numeric, string, And) looping ${rounds} times; counter ` +
      (step === "linked" ? "read from a linked chain (JSONPath only)" : "incremented with States.MathAdd"),
    definition: { StartAt: "Advance", States: states },
    makeInput: () => ({ counter: step === "linked" ? chain(0) : { value: 0 }, tag: "loop" }),
    expectedOutput: {
      counter: step === "linked" ? { value: rounds, next: null } : { value: rounds },
      tag: "loop",
      scratch: { pass: width, value: rounds, tag: "loop" },
    },
    statesPerRun: rounds * 2 * width + 1,
    goals,
  };
}

/** `{ value: from, next: { value: from + 1, ... { value: rounds, next: null } } }`. */
function chain(from: number): Json {
  let node: Json = null;
  for (let value = rounds; value >= from; value--) node = { value, next: node };
  return node;
}
