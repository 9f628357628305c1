import { fieldPath, indexPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { has, shown } from "../value-checks.ts";

/** Checks a Parallel state (ASL "Parallel State"): a non-empty `Branches` array of complete state machines. */
export function checkParallelState(s: StateUnderCheck): void {
  const { ctx, at, state } = s;
  const branches = state.Branches;
  const branchesAt = fieldPath(at, "Branches");
  if (!has(state, "Branches")) {
    ctx.report(
      at,
      'a Parallel state needs "Branches": a non-empty array of state machines, each with "StartAt" and "States"',
    );
  } else if (!Array.isArray(branches) || branches.length === 0) {
    ctx.report(
      branchesAt,
      `must be a non-empty array of state machines, each with "StartAt" and "States"; got ${shown(branches)}`,
    );
  } else {
    branches.forEach((branch, index) => s.nested(branch, indexPath(branchesAt, index), "Branch"));
  }
}
