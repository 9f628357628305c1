import Statebox from "@wmfs/statebox";
import type { Json, JsonObject } from "@stepflow/asl";
import { isJsonObject } from "@stepflow/asl";
import type { Interpreter } from "../interpreter.ts";
import { Peer } from "../workload.ts";

// lib/state-machines/state-types/instrinsics/index.js of @wmfs/statebox 1.118.
const known = new Set(["Format", "Array", "StringToJson", "JsonToString"]);
const quiet = { info: () => {}, warning: () => {} };
let box: Statebox | undefined;

/** @wmfs/statebox with its built-in memory store (the default when no storage service is booted). */
export const statebox: Interpreter = {
  name: Peer.Statebox,
  async prepare(workload) {
    box ??= new Statebox({ messages: quiet });
    await box.ready;
    const name = workload.name;
    const missing = missingIntrinsics(workload.definition);
    if (missing.length > 0) {
      return {
        unsupported:
          `it implements only the intrinsics ${[...known].map((f) => `States.${f}`).join(", ")}; ` +
          `the definition uses ${missing.join(", ")}`,
      };
    }
    try {
      await box.createStateMachines({ [name]: withIterator(workload.definition) }, {});
    } catch (error) {
      return { unsupported: `rejects the definition: ${String(error)}` };
    }
    const sb = box;
    const run = async (input: Json) => {
      const execution = await sb.startExecution(input, name, { sendResponse: "COMPLETE" });
      if (execution.status !== "SUCCEEDED") {
        throw new Error(`${execution.status}: ${execution.errorCode ?? ""} ${execution.errorMessage ?? ""}`);
      }
      return execution.ctx as Json;
    };
    return {
      run,
      runCounted: async (input: Json) => {
        // Every state of every (nested) machine is entered through its machine's runState.
        let states = 0;
        const machines = [...sb.stateMachines.stateMachines.values()];
        const originals = machines.map((machine) => machine.runState);
        for (const machine of machines) {
          const original = machine.runState;
          machine.runState = (execution) => {
            states++;
            return original.call(machine, execution);
          };
        }
        try {
          return { output: await run(input), states };
        } finally {
          machines.forEach((machine, i) => (machine.runState = originals[i]!));
        }
      },
    };
  },
  reset() {
    // The memory store keeps every execution (and each Map item is one) for ever.
    if (box) box.dao.executions = {};
  },
};

/**
 * statebox reads a Map's processor from `Iterator` only; AWS accepts both, so the same machine is given
 * with `ItemProcessor` renamed (ProcessorConfig, which statebox ignores, dropped).
 */
function withIterator(value: Json): Json {
  if (Array.isArray(value)) return value.map(withIterator);
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "ItemProcessor" && isJsonObject(child)) {
      const { ProcessorConfig: _config, ...processor } = child;
      copy.Iterator = withIterator(processor);
    } else copy[key] = withIterator(child);
  }
  return copy;
}

function missingIntrinsics(definition: Json): string[] {
  const used = JSON.stringify(definition).matchAll(/States\.(\w+)\(/g);
  return [...new Set([...used].map((match) => match[1]!))]
    .filter((f) => !known.has(f))
    .map((f) => `States.${f}`);
}
