/**
 * Whether `expression` is a schedule PutRule accepts: `rate(1 minute)`, `rate(5 minutes)` (minute, hour,
 * day; singular exactly for 1), or `cron(Minutes Hours Day-of-month Month Day-of-week Year)` with one of
 * the two day fields `?`.
 */
export function isScheduleExpression(expression: string): boolean {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) return false;
    return value === 1 ? !rate[2]!.endsWith("s") : rate[2]!.endsWith("s");
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return false;
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) return false;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) return false;
  return (
    cronField(minutes, 0, 59) &&
    cronField(hours, 0, 23) &&
    (dayOfMonth === "?" || cronField(dayOfMonth, 1, 31, /^(L|LW|\d{1,2}W)$/)) &&
    cronField(month, 1, 12, undefined, MONTHS) &&
    (dayOfWeek === "?" || cronField(dayOfWeek, 1, 7, /^(\d|[A-Z]{3})(L|#[1-5])$|^L$/, DAYS)) &&
    cronField(year, 1970, 2199)
  );
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** One cron field: `*`, values, ranges `a-b`, lists `a,b`, increments `a/n` or `*\/n`, and named values. */
function cronField(field: string, min: number, max: number, special?: RegExp, names?: string[]): boolean {
  if (field === "*") return true;
  if (special?.test(field)) return true;
  const value = (text: string): number | undefined => {
    const at = names?.indexOf(text.toUpperCase()) ?? -1;
    if (at >= 0) return at + min;
    if (!/^\d+$/.test(text)) return undefined;
    const n = Number(text);
    return n >= min && n <= max ? n : undefined;
  };
  return field.split(",").every((part) => {
    const [range, step, extra] = part.split("/");
    if (extra !== undefined || range === undefined) return false;
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1)) return false;
    if (range === "*") return step !== undefined;
    const [from, to, more] = range.split("-");
    if (more !== undefined || from === undefined || value(from) === undefined) return false;
    return to === undefined || value(to) !== undefined;
  });
}
