import { compareNumeric, isNumeric } from "../json-number.ts";
import { checkPathField } from "./jsonpath-syntax.ts";
import { checkIntegerField, checkNotBoth } from "./numeric-fields.ts";
import { fieldPath } from "./problem-path.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { MAX_SECONDS } from "./value-checks.ts";

/**
 * Checks a Task's `TimeoutSeconds`/`TimeoutSecondsPath` and `HeartbeatSeconds`/`HeartbeatSecondsPath`:
 * positive integers, a fixed value or a path but not both, and a heartbeat shorter than the timeout.
 */
export function checkTimeouts(s: StateUnderCheck): void {
  for (const field of ["TimeoutSeconds", "HeartbeatSeconds"]) {
    if (s.carries(field)) checkIntegerField(s, s.state[field], fieldPath(s.at, field), 1, MAX_SECONDS);
    const pathField = `${field}Path`;
    if (s.carries(pathField))
      checkPathField(s.ctx, s.state[pathField], fieldPath(s.at, pathField), "reference");
    checkNotBoth(s, field, pathField);
  }
  const timeout = s.state.TimeoutSeconds;
  const heartbeat = s.state.HeartbeatSeconds;
  if (isNumeric(timeout) && isNumeric(heartbeat) && compareNumeric(heartbeat, timeout) >= 0) {
    s.ctx.report(
      fieldPath(s.at, "HeartbeatSeconds"),
      `must be smaller than TimeoutSeconds (${String(timeout)}); lower it or raise TimeoutSeconds`,
    );
  }
}
