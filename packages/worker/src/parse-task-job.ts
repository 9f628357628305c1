import { isJsonObject, type Json } from "@stepflow/asl";
import type { TaskJob } from "@stepflow/engine/queue";

/**
 * Checks a queue job's data against the `TaskJob` contract. Returns the job, or what is wrong with it:
 * such a job cannot be run or even reported on, so the worker drops it and tells `onError`.
 */
export function parseTaskJob(data: Json): TaskJob | string {
  if (!isJsonObject(data)) return "the job's data is not an object";
  for (const field of ["token", "executionArn", "stateName", "handler", "resource"] as const) {
    const value = data[field];
    if (typeof value !== "string" || value === "") return `the job's ${field} is not a non-empty string`;
  }
  if (typeof data.attempt !== "number") return "the job's attempt is not a number";
  for (const field of ["heartbeatSeconds", "timeoutSeconds"] as const) {
    const value = data[field];
    if (value !== undefined && value !== null && (typeof value !== "number" || !(value > 0))) {
      return `the job's ${field} is not a positive number`;
    }
  }
  return { ...(data as unknown as TaskJob), input: data.input ?? null };
}
