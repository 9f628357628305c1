import type { Json } from "@stepflow/asl";
import type { Workload } from "./workload.ts";

/** One workload made ready to run on one interpreter (definition compiled/registered once, outside timing). */
export interface PreparedRun {
  /** Runs once and resolves to the execution's output; rejects when the execution does not succeed. */
  run(input: Json): Promise<Json>;
  /** Runs once while counting entered states (slower; used only to check the run before timing). */
  runCounted(input: Json): Promise<{ output: Json; states: number }>;
}

/** An interpreter under benchmark. */
export interface Interpreter {
  name: string;
  /** Resolves to a prepared run, or to the reason this interpreter cannot run the workload. */
  prepare(workload: Workload): Promise<PreparedRun | { unsupported: string }>;
  /** Releases what the runs accumulated (stores, registries); called between samples, outside timing. */
  reset?(): void;
}
