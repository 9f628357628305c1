import {
  cronValue,
  DAYS_OF_MONTH,
  DAYS_OF_WEEK,
  HOURS,
  MINUTES,
  MONTHS,
  parseCronField,
  YEARS,
} from "./cron-field.ts";

/** Which days of a month a cron expression fires on. EventBridge takes them from exactly one field. */
export type CronDays =
  /** Day-of-month values (`*`, `1,15`, `1/5`, ...); days a month does not have are skipped. */
  | { readonly kind: "dates"; readonly dates: readonly number[] }
  /** `L` in day-of-month. */
  | { readonly kind: "lastDate" }
  /** `LW` in day-of-month: the month's last weekday (Monday to Friday). */
  | { readonly kind: "lastWeekdayDate" }
  /** `15W`: the weekday nearest the 15th, never in another month. */
  | { readonly kind: "nearestWeekday"; readonly date: number }
  /** Day-of-week values, 1 (SUN) to 7 (SAT). */
  | { readonly kind: "weekdays"; readonly weekdays: readonly number[] }
  /** `6L`: the month's last Friday. */
  | { readonly kind: "lastWeekday"; readonly weekday: number }
  /** `3#2`: the month's second Tuesday. */
  | { readonly kind: "nthWeekday"; readonly weekday: number; readonly nth: number };

/** An EventBridge cron expression's six fields, compiled; every list is ascending. All times are UTC. */
export interface CronExpression {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: CronDays;
  readonly months: readonly number[];
  readonly years: readonly number[];
}

/**
 * Compiles the inside of `cron(...)`: `Minutes Hours Day-of-month Month Day-of-week Year`, separated by
 * whitespace, where exactly one of the two day fields is `?`. Returns `undefined` for anything EventBridge
 * rejects (or that Stepflow cannot fire), so it is PutRule's validator too.
 * @example parseCronExpression("0 18 ? * MON-FRI *") // 18:00 UTC on weekdays
 */
export function parseCronExpression(text: string): CronExpression | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  const [minuteText, hourText, dateText, monthText, weekdayText, yearText] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dateText === "?") === (weekdayText === "?")) return undefined;
  const minutes = parseCronField(minuteText, MINUTES);
  const hours = parseCronField(hourText, HOURS);
  const months = parseCronField(monthText, MONTHS);
  const years = parseCronField(yearText, YEARS);
  const days = dateText === "?" ? parseWeekdays(weekdayText) : parseDates(dateText);
  if (!minutes || !hours || !months || !years || !days) return undefined;
  return { minutes, hours, days, months, years };
}

function parseDates(text: string): CronDays | undefined {
  const upper = text.toUpperCase();
  if (upper === "L") return { kind: "lastDate" };
  if (upper === "LW") return { kind: "lastWeekdayDate" };
  const nearest = /^(\d{1,2})W$/.exec(upper);
  if (nearest) {
    const date = cronValue(nearest[1]!, DAYS_OF_MONTH);
    return date === undefined ? undefined : { kind: "nearestWeekday", date };
  }
  const dates = parseCronField(text, DAYS_OF_MONTH);
  return dates && { kind: "dates", dates };
}

function parseWeekdays(text: string): CronDays | undefined {
  const upper = text.toUpperCase();
  // A lone `L` is the week's last day, Saturday (Quartz's reading, which EventBridge documents).
  if (upper === "L") return { kind: "weekdays", weekdays: [7] };
  const last = /^(\w+)L$/.exec(upper);
  if (last) {
    const weekday = cronValue(last[1]!, DAYS_OF_WEEK);
    return weekday === undefined ? undefined : { kind: "lastWeekday", weekday };
  }
  const nth = /^(\w+)#([1-5])$/.exec(upper);
  if (nth) {
    const weekday = cronValue(nth[1]!, DAYS_OF_WEEK);
    return weekday === undefined ? undefined : { kind: "nthWeekday", weekday, nth: Number(nth[2]) };
  }
  const weekdays = parseCronField(text, DAYS_OF_WEEK);
  return weekdays && { kind: "weekdays", weekdays };
}
