import type { JsonObject } from "@stepflow/asl";
import { Peer, type Workload } from "../workload.ts";

const length = 10;

/** Ten Pass states in a row, each building a small object with Parameters and storing it with ResultPath. */
export function passChain(): Workload {
  const states: Record<string, JsonObject> = {};
  for (let i = 1; i <= length; i++) {
    states[`Step${i}`] = {
      Type: "Pass",
      Parameters: { step: i, "id.$": "$.order.id", "total.$": "$.order.total", "tag.$": "$.tag" },
      ResultPath: `$.steps.s${i}`,
      ...(i === length ? { End: true } : { Next: `Step${i + 1}` }),
    };
  }
  const steps: JsonObject = {};
  for (let i = 1; i <= length; i++) steps[`s${i}`] = { step: i, id: "o-42", total: 99.5, tag: "bench" };
  return {
    name: "pass-chain",
    description: `${length} Pass states, each with Parameters (3 paths + 1 constant) and ResultPath`,
    definition: { StartAt: "Step1", States: states },
    makeInput: () => ({ order: { id: "o-42", total: 99.5, lines: [1, 2, 3] }, tag: "bench", steps: {} }),
    expectedOutput: { order: { id: "o-42", total: 99.5, lines: [1, 2, 3] }, tag: "bench", steps },
    statesPerRun: length,
    goals: [
      { peer: Peer.AwsLocal, ratio: 2 },
      { peer: Peer.Statebox, ratio: 10 },
    ],
  };
}
