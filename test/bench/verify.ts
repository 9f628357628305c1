import { isDeepStrictEqual } from "node:util";
import type { PreparedRun } from "./interpreter.ts";
import type { Workload } from "./workload.ts";

/** Runs once and returns why the run is wrong (output or number of states), or undefined when it is right. */
export async function verifyRun(prepared: PreparedRun, workload: Workload): Promise<string | undefined> {
  let result: Awaited<ReturnType<PreparedRun["runCounted"]>>;
  try {
    result = await prepared.runCounted(workload.makeInput());
  } catch (error) {
    return `the run fails: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isDeepStrictEqual(result.output, workload.expectedOutput)) {
    return `wrong output: ${abbreviate(JSON.stringify(result.output))}`;
  }
  if (result.states !== workload.statesPerRun) {
    return `entered ${result.states} states, expected ${workload.statesPerRun}`;
  }
  return undefined;
}

function abbreviate(text: string | undefined): string {
  if (text === undefined) return "undefined";
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
