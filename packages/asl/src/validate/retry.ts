import { isNumeric, toNumber } from "../json-number.ts";
import { checkComment } from "./comment-field.ts";
import { checkErrorEquals, checkStatesAllComesLast } from "./error-equals.ts";
import { fieldPath, indexPath } from "./problem-path.ts";
import type { ValidationContext } from "./validation-context.ts";
import { get, integerProblem, isFields, MAX_SECONDS, shown } from "./value-checks.ts";

const RETRIER_FIELDS = new Set([
  "ErrorEquals",
  "IntervalSeconds",
  "MaxAttempts",
  "BackoffRate",
  "MaxDelaySeconds",
  "JitterStrategy",
  "Comment",
]);

// MaxDelaySeconds is capped at one year and a day (31,622,400 s) by Step Functions.
const MAX_DELAY_SECONDS = 31_622_400;

/** Checks a `Retry` array (ASL "Retrying after an error"): each retrier's fields and "States.ALL" placement. */
export function checkRetry(ctx: ValidationContext, value: unknown, at: string): void {
  if (!Array.isArray(value)) {
    ctx.report(
      at,
      `must be an array of retriers such as [{"ErrorEquals": ["States.ALL"]}]; got ${shown(value)}`,
    );
    return;
  }
  const matchesAll = value.map((retrier, index) => checkRetrier(ctx, retrier, indexPath(at, index)));
  checkStatesAllComesLast(ctx, matchesAll, at, "Retry");
}

function checkRetrier(ctx: ValidationContext, retrier: unknown, at: string): boolean {
  if (!isFields(retrier)) {
    ctx.report(at, `must be an object with "ErrorEquals"; got ${shown(retrier)}`);
    return false;
  }
  for (const key of Object.keys(retrier)) {
    if (!RETRIER_FIELDS.has(key)) {
      ctx.report(
        fieldPath(at, key),
        `unknown retrier field "${key}"; allowed: ${[...RETRIER_FIELDS].join(", ")}`,
      );
    }
  }
  const ranges: [string, number, number][] = [
    ["IntervalSeconds", 1, MAX_SECONDS],
    ["MaxAttempts", 0, MAX_SECONDS],
    ["MaxDelaySeconds", 1, MAX_DELAY_SECONDS],
  ];
  for (const [field, min, max] of ranges) {
    const fieldValue = get(retrier, field);
    const problem = fieldValue === undefined ? undefined : integerProblem(fieldValue, min, max);
    if (problem !== undefined) ctx.report(fieldPath(at, field), problem);
  }
  const backoff = get(retrier, "BackoffRate");
  if (
    backoff !== undefined &&
    !(isNumeric(backoff) && Number.isFinite(toNumber(backoff)) && toNumber(backoff) >= 1)
  ) {
    ctx.report(fieldPath(at, "BackoffRate"), `must be a number of at least 1.0; got ${shown(backoff)}`);
  }
  const jitter = get(retrier, "JitterStrategy");
  if (jitter !== undefined && jitter !== "FULL" && jitter !== "NONE") {
    ctx.report(fieldPath(at, "JitterStrategy"), `must be "FULL" or "NONE"; got ${shown(jitter)}`);
  }
  checkComment(ctx, get(retrier, "Comment"), fieldPath(at, "Comment"));
  return checkErrorEquals(ctx, retrier, at);
}
