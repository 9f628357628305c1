import { StatesError } from "../errors.ts";

/**
 * Whether an `ErrorEquals` list covers an error name (ASL "Error names"): `States.ALL` covers everything
 * but States.Runtime and States.DataLimitExceeded (terminal on AWS); `States.TaskFailed` covers
 * everything but States.Timeout and those terminal ones.
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  for (const name of errorEquals) {
    if (name === error) return true;
    if (terminal.has(error)) continue;
    if (name === StatesError.ALL) return true;
    if (name === StatesError.TaskFailed && error !== StatesError.Timeout) return true;
  }
  return false;
}

const terminal = new Set<string>([StatesError.Runtime, StatesError.DataLimitExceeded]);
