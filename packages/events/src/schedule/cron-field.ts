/** The bounds of one numeric cron field, and its value names (index 0 names `min`). */
export interface CronFieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Whether a range may run past `max` back to `min` (every field but the year). */
  readonly wraps?: false;
}

export const MINUTES: CronFieldSpec = { min: 0, max: 59 };
export const HOURS: CronFieldSpec = { min: 0, max: 23 };
export const DAYS_OF_MONTH: CronFieldSpec = { min: 1, max: 31 };
export const MONTHS: CronFieldSpec = {
  min: 1,
  max: 12,
  names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
};
/** EventBridge numbers the days of the week 1 (SUN) to 7 (SAT). */
export const DAYS_OF_WEEK: CronFieldSpec = {
  min: 1,
  max: 7,
  names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
};
/** The years an EventBridge cron expression may name. */
export const YEARS: CronFieldSpec = { min: 1970, max: 2199, wraps: false };

/**
 * The values a numeric cron field allows, ascending: `*`, a value, a range `a-b`, an increment `a/n`,
 * `*\/n` or `a-b/n`, or a comma-separated list of those; values may be names (`JAN`, `MON`, any case).
 * A range whose end is below its start wraps past `max` (`FRI-MON`, `22-2`), as Quartz (whose syntax
 * EventBridge uses) does, except in the year. Returns `undefined` for anything else.
 */
export function parseCronField(text: string, spec: CronFieldSpec): number[] | undefined {
  if (text === "*") return range(spec.min, spec.max);
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const added = addPart(part, spec, values);
    if (!added) return undefined;
  }
  return [...values].sort((a, b) => a - b);
}

/** One value of a field (a number or a name), or `undefined` when it is neither or out of bounds. */
export function cronValue(text: string, spec: CronFieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return spec.min + named;
  if (!/^\d{1,4}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= spec.min && value <= spec.max ? value : undefined;
}

function addPart(part: string, spec: CronFieldSpec, values: Set<number>): boolean {
  const [span, stepText, extra] = part.split("/");
  if (span === undefined || extra !== undefined) return false;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d{1,4}$/.test(stepText) || Number(stepText) < 1) return false;
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (span === "*") {
    // `*` inside a list, or without an increment, is not a range EventBridge accepts.
    if (stepText === undefined) return false;
    [from, to] = [spec.min, spec.max];
  } else {
    const [fromText, toText, more] = span.split("-");
    if (fromText === undefined || more !== undefined) return false;
    const start = cronValue(fromText, spec);
    const end = toText === undefined ? undefined : cronValue(toText, spec);
    if (start === undefined || (toText !== undefined && end === undefined)) return false;
    if (end !== undefined && end < start && spec.wraps === false) return false;
    from = start;
    // `a/n` runs from a to the field's end; a lone `a` is the range a-a.
    to = end ?? (stepText === undefined ? start : spec.max);
  }
  const size = spec.max - spec.min + 1;
  const length = to >= from ? to - from : to + size - from;
  for (let offset = 0; offset <= length; offset += step) {
    values.add(spec.min + ((from - spec.min + offset) % size));
  }
  return true;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}
