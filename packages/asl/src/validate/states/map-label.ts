import type { StateUnderCheck } from "../state-under-check.ts";
import { shown } from "../value-checks.ts";

const MAX_LABEL_LENGTH = 40;
// Step Functions builds Map Run names from labels, so labels exclude what a name may not contain:
// whitespace, brackets, wildcards, these special characters, and control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what the rule forbids
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Checks a Distributed Map's `Label`: at most 40 characters, no reserved characters, unique in the definition. */
export function checkMapLabel(s: StateUnderCheck, label: unknown, at: string): void {
  if (typeof label !== "string" || label === "") {
    s.ctx.report(at, `must be a non-empty string; got ${shown(label)}`);
    return;
  }
  if ([...label].length > MAX_LABEL_LENGTH) {
    s.ctx.report(at, `must be at most ${MAX_LABEL_LENGTH} characters; shorten it`);
  }
  const bad = FORBIDDEN.exec(label);
  if (bad !== null) {
    s.ctx.report(
      at,
      `must not contain ${JSON.stringify(bad[0])}; use letters, digits, "-", "_" and "." (no whitespace, brackets, wildcards or special characters)`,
    );
  }
  const earlier = s.ctx.claimLabel(label, at);
  if (earlier !== undefined)
    s.ctx.report(at, `label "${label}" is already used at ${earlier}; labels must be unique`);
}
