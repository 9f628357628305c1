import { checkComment } from "./comment-field.ts";
import { checkAssign } from "./data-flow-fields.ts";
import { checkErrorEquals, checkStatesAllComesLast } from "./error-equals.ts";
import { checkPathField } from "./jsonpath-syntax.ts";
import { fieldPath, indexPath } from "./problem-path.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { get, has, isFields, shown } from "./value-checks.ts";

/** Checks a `Catch` array (ASL "Fallback states"): each catcher's fields, its `Next`, "States.ALL" placement. */
export function checkCatch(s: StateUnderCheck, value: unknown, at: string): void {
  if (!Array.isArray(value)) {
    s.ctx.report(
      at,
      `must be an array of catchers such as [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]; got ${shown(value)}`,
    );
    return;
  }
  const matchesAll = value.map((catcher, index) => checkCatcher(s, catcher, indexPath(at, index)));
  checkStatesAllComesLast(s.ctx, matchesAll, at, "Catch");
}

function checkCatcher(s: StateUnderCheck, catcher: unknown, at: string): boolean {
  const { ctx } = s;
  if (!isFields(catcher)) {
    ctx.report(at, `must be an object with "ErrorEquals" and "Next"; got ${shown(catcher)}`);
    return false;
  }
  const languageField = s.language === "JSONPath" ? "ResultPath" : "Output";
  const allowed = new Set(["ErrorEquals", "Next", "Assign", "Comment", languageField]);
  for (const key of Object.keys(catcher)) {
    if (allowed.has(key)) continue;
    if (key === "ResultPath" || key === "Output") {
      const hint =
        key === "ResultPath"
          ? 'use "Output" (with $states.errorOutput) or "Assign" instead'
          : 'use "ResultPath" instead, or set "QueryLanguage": "JSONata" on the state';
      ctx.report(
        fieldPath(at, key),
        `"${key}" is not allowed in a catcher of a ${s.language} state; ${hint}`,
      );
    } else {
      ctx.report(fieldPath(at, key), `unknown catcher field "${key}"; allowed: ${[...allowed].join(", ")}`);
    }
  }
  const next = get(catcher, "Next");
  if (next === undefined) {
    ctx.report(fieldPath(at, "Next"), "is required: name the state to go to when this catcher matches");
  } else if (typeof next !== "string") {
    ctx.report(fieldPath(at, "Next"), `must be the name of a state (a string); got ${shown(next)}`);
  } else {
    s.transitions.push({ target: next, at: fieldPath(at, "Next") });
  }
  if (s.language === "JSONPath" && has(catcher, "ResultPath")) {
    checkPathField(ctx, catcher.ResultPath, fieldPath(at, "ResultPath"), "result", true);
  }
  if (has(catcher, "Assign")) checkAssign(s, catcher.Assign, fieldPath(at, "Assign"));
  checkComment(ctx, get(catcher, "Comment"), fieldPath(at, "Comment"));
  return checkErrorEquals(ctx, catcher, at);
}
