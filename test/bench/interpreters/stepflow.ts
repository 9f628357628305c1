import { runLocal, type Json, type LocalResult } from "@stepflow/asl";
import type { Interpreter } from "../interpreter.ts";

/** Stepflow's `runLocal`, history recording on (it always records). */
export const stepflow: Interpreter = {
  name: "stepflow",
  prepare(workload) {
    const definition = workload.definition;
    return Promise.resolve({
      run: async (input: Json) => outputOf(await runLocal(definition, input)),
      runCounted: async (input: Json) => {
        const result = await runLocal(definition, input);
        const states = result.history.filter((event) => event.type.endsWith("StateEntered")).length;
        return { output: outputOf(result), states };
      },
    });
  },
};

function outputOf(result: LocalResult): Json {
  if (result.status !== "SUCCEEDED") {
    throw new Error(`${result.status}: ${result.error ?? ""} ${result.cause ?? ""}`.trim());
  }
  return result.output ?? null;
}
