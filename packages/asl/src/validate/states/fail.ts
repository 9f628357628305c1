import { checkPathField } from "../jsonpath-syntax.ts";
import { checkNotBoth } from "../numeric-fields.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { shown } from "../value-checks.ts";

/** Checks a Fail state (ASL "Fail State"): `Error`/`ErrorPath` and `Cause`/`CausePath`, one of each pair at most. */
export function checkFailState(s: StateUnderCheck): void {
  for (const field of ["Error", "Cause"]) {
    const at = fieldPath(s.at, field);
    if (s.carries(field) && typeof s.state[field] !== "string") {
      s.ctx.report(
        at,
        `must be a string${s.language === "JSONata" ? " or a {% %} JSONata expression" : ""}; got ${shown(s.state[field])}`,
      );
    }
    const pathField = `${field}Path`;
    if (s.carries(pathField))
      checkPathField(s.ctx, s.state[pathField], fieldPath(s.at, pathField), "path-or-intrinsic");
    checkNotBoth(s, field, pathField);
  }
}
