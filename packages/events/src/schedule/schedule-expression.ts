import { parseCronExpression, type CronExpression } from "./cron-expression.ts";

/** A rule's ScheduleExpression, compiled. */
export type Schedule =
  | { readonly kind: "rate"; readonly periodMs: number }
  | { readonly kind: "cron"; readonly cron: CronExpression };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Larger rates are refused so every due time stays a valid date (9,999,999 days is about 27,000 years). */
const MAX_RATE_VALUE = 9_999_999;

/**
 * Compiles a schedule PutRule accepts: `rate(1 minute)`, `rate(5 minutes)` (minute, hour or day; the unit
 * singular exactly when the value is 1), or `cron(Minutes Hours Day-of-month Month Day-of-week Year)` (see
 * {@link parseCronExpression}). Returns `undefined` for anything else.
 */
export function parseScheduleExpression(expression: string): Schedule | undefined {
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1 || value > MAX_RATE_VALUE || (value === 1) === (rate[3] === "s")) return undefined;
    return { kind: "rate", periodMs: value * UNIT_MS[rate[2] as keyof typeof UNIT_MS] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  const compiled = cron ? parseCronExpression(cron[1]!) : undefined;
  return compiled && { kind: "cron", cron: compiled };
}

/**
 * Whether `expression` is a schedule PutRule accepts (see {@link parseScheduleExpression}).
 * @example isScheduleExpression("rate(5 minutes)") // true; "rate(5 minute)" is false
 */
export function isScheduleExpression(expression: string): boolean {
  return parseScheduleExpression(expression) !== undefined;
}
