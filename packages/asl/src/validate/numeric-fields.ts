import { isJsonataExpression } from "../jsonata/jsonata-template.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { integerProblem, numberProblem } from "./value-checks.ts";

const OR_EXPRESSION = " or a {% %} JSONata expression";

/** Checks an integer field that a JSONata state may also give as a `{% %}` expression. */
export function checkIntegerField(
  s: StateUnderCheck,
  value: unknown,
  at: string,
  min: number,
  max: number,
): void {
  if (s.language === "JSONata" && isJsonataExpression(value)) return;
  const problem = integerProblem(value, min, max, s.language === "JSONata" ? OR_EXPRESSION : "");
  if (problem !== undefined) s.ctx.report(at, problem);
}

/** Checks a number field that a JSONata state may also give as a `{% %}` expression. */
export function checkNumberField(
  s: StateUnderCheck,
  value: unknown,
  at: string,
  min: number,
  max: number,
): void {
  if (s.language === "JSONata" && isJsonataExpression(value)) return;
  const problem = numberProblem(value, min, max, s.language === "JSONata" ? OR_EXPRESSION : "");
  if (problem !== undefined) s.ctx.report(at, problem);
}

/** Reports a state that sets both a fixed field and its `*Path` (or any other pair that excludes each other). */
export function checkNotBoth(s: StateUnderCheck, first: string, second: string): void {
  if (s.carries(first) && s.carries(second)) {
    s.ctx.report(s.at, `cannot have both "${first}" and "${second}"; keep one`);
  }
}
