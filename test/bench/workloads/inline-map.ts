import type { Json } from "@stepflow/asl";
import type { Workload } from "../workload.ts";

const items = 10_000;

/** An inline Map over 10,000 items whose processor is one Pass state with Parameters. */
export function inlineMap(): Workload {
  const expected: Json[] = [];
  for (let id = 0; id < items; id++) expected.push({ id, seen: true });
  return {
    name: "inline-map",
    description: `inline Map over ${items.toLocaleString("en")} items, one Pass with Parameters per item`,
    definition: {
      StartAt: "Mark",
      States: {
        Mark: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Seen",
            States: { Seen: { Type: "Pass", Parameters: { "id.$": "$.id", seen: true }, End: true } },
          },
          ResultPath: "$.items",
          End: true,
        },
      },
    },
    makeInput: () => {
      const list: Json[] = [];
      for (let id = 0; id < items; id++) list.push({ id });
      return { items: list };
    },
    expectedOutput: { items: expected },
    statesPerRun: items + 1,
    goals: [],
  };
}
