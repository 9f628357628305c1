import { fieldPath, indexPath } from "./problem-path.ts";
import type { ValidationContext } from "./validation-context.ts";
import { get, shown, type Fields } from "./value-checks.ts";

const ALL = "States.ALL";

/**
 * Checks the `ErrorEquals` of a retrier or catcher (ASL "Retrying after an error"): a non-empty array of
 * error names, where "States.ALL" appears alone. Returns true when the entry matches every error.
 */
export function checkErrorEquals(ctx: ValidationContext, entry: Fields, at: string): boolean {
  const value = get(entry, "ErrorEquals");
  const path = fieldPath(at, "ErrorEquals");
  if (value === undefined) {
    ctx.report(path, 'is required: a non-empty array of error names such as ["States.TaskFailed"]');
    return false;
  }
  if (!Array.isArray(value) || value.length === 0) {
    ctx.report(
      path,
      `must be a non-empty array of error names such as ["States.TaskFailed"]; got ${shown(value)}`,
    );
    return false;
  }
  value.forEach((name, index) => {
    if (typeof name !== "string" || name === "") {
      ctx.report(indexPath(path, index), `must be an error name (a non-empty string); got ${shown(name)}`);
    }
  });
  if (!value.includes(ALL)) return false;
  if (value.length > 1) ctx.report(path, `"${ALL}" must be the last and only entry`);
  return true;
}

/** Reports retriers or catchers for "States.ALL" that are not the last of their array. */
export function checkStatesAllComesLast(
  ctx: ValidationContext,
  matchesAll: boolean[],
  at: string,
  field: "Retry" | "Catch",
): void {
  const noun = field === "Retry" ? "retrier" : "catcher";
  matchesAll.forEach((all, index) => {
    if (all && index < matchesAll.length - 1) {
      ctx.report(
        indexPath(at, index),
        `a ${noun} for "${ALL}" must be the last one; move it to the end of "${field}"`,
      );
    }
  });
}
