import type { CronDays } from "./cron-expression.ts";

const SUNDAY = 1;
const SATURDAY = 7;

/** The dates of `month` (1-12) of `year` that `days` selects, ascending. */
export function cronDatesInMonth(days: CronDays, year: number, month: number): number[] {
  const last = lastDateOf(year, month);
  switch (days.kind) {
    case "dates":
      return days.dates.filter((date) => date <= last);
    case "lastDate":
      return [last];
    case "lastWeekdayDate": {
      const weekday = weekdayOf(year, month, last);
      return [weekday === SATURDAY ? last - 1 : weekday === SUNDAY ? last - 2 : last];
    }
    case "nearestWeekday":
      return days.date > last ? [] : [nearestWeekday(year, month, days.date, last)];
    case "weekdays":
      return dates(last).filter((date) => days.weekdays.includes(weekdayOf(year, month, date)));
    case "lastWeekday": {
      const shift = (weekdayOf(year, month, last) - days.weekday + 7) % 7;
      return [last - shift];
    }
    case "nthWeekday": {
      const first = 1 + ((days.weekday - weekdayOf(year, month, 1) + 7) % 7);
      const date = first + 7 * (days.nth - 1);
      return date <= last ? [date] : [];
    }
  }
}

/**
 * The weekday nearest `date` without leaving the month: a Saturday moves to Friday (or to Monday the 3rd
 * when it is the 1st), a Sunday to Monday (or to Friday when it is the month's last day), as in Quartz.
 */
function nearestWeekday(year: number, month: number, date: number, last: number): number {
  const weekday = weekdayOf(year, month, date);
  if (weekday === SATURDAY) return date === 1 ? 3 : date - 1;
  if (weekday === SUNDAY) return date === last ? date - 2 : date + 1;
  return date;
}

/** 1 (Sunday) to 7 (Saturday), EventBridge's numbering. */
export function weekdayOf(year: number, month: number, date: number): number {
  return new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 1;
}

export function lastDateOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dates(last: number): number[] {
  return Array.from({ length: last }, (_, i) => i + 1);
}
