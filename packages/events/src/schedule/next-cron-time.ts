import { cronDatesInMonth } from "./cron-dates.ts";
import type { CronExpression } from "./cron-expression.ts";

const MINUTE_MS = 60_000;

/**
 * The first minute strictly after `after` that `cron` selects (UTC, seconds zero), or `undefined` when
 * there is none (its years are over). Walks years, months, dates, hours and minutes in order, skipping
 * whole units that cannot match, so a sparse expression costs no more than a dense one.
 * @example nextCronTime(parseCronExpression("0 12 * * ? *")!, new Date("2030-01-01T12:00:00Z")) // 2030-01-02T12:00Z
 */
export function nextCronTime(cron: CronExpression, after: Date): Date | undefined {
  const start = new Date(Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const from = {
    year: start.getUTCFullYear(),
    month: start.getUTCMonth() + 1,
    date: start.getUTCDate(),
    hour: start.getUTCHours(),
    minute: start.getUTCMinutes(),
  };
  for (const year of cron.years) {
    if (year < from.year) continue;
    const inFirstYear = year === from.year;
    for (const month of cron.months) {
      if (inFirstYear && month < from.month) continue;
      const inFirstMonth = inFirstYear && month === from.month;
      for (const date of cronDatesInMonth(cron.days, year, month)) {
        if (inFirstMonth && date < from.date) continue;
        const onFirstDate = inFirstMonth && date === from.date;
        for (const hour of cron.hours) {
          if (onFirstDate && hour < from.hour) continue;
          const inFirstHour = onFirstDate && hour === from.hour;
          const minute = cron.minutes.find((m) => !inFirstHour || m >= from.minute);
          if (minute !== undefined) return new Date(Date.UTC(year, month - 1, date, hour, minute));
        }
      }
    }
  }
  return undefined;
}
