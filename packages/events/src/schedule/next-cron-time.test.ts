import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseCronExpression, type CronDays, type CronExpression } from "./cron-expression.ts";
import { nextCronTime } from "./next-cron-time.ts";

/** `count` successive ticks of `expression` after `after`, as ISO minutes (`2030-01-01T12:00`). */
function ticks(expression: string, after: string, count = 1): string[] {
  const cron = parseCronExpression(expression);
  if (cron === undefined) throw new Error(`${expression} does not parse`);
  const out: string[] = [];
  let at: Date | undefined = new Date(after);
  while (out.length < count) {
    at = nextCronTime(cron, at);
    if (at === undefined) break;
    out.push(at.toISOString().slice(0, 16));
  }
  return out;
}

// 2030-01-01 is a Tuesday; the calendar facts below were checked against Python's calendar module.
describe("nextCronTime", () => {
  test.each([
    ["every day at noon, strictly after", "0 12 * * ? *", "2030-01-01T12:00:00Z", ["2030-01-02T12:00"]],
    ["a second before the tick", "0 12 * * ? *", "2030-01-01T11:59:59.999Z", ["2030-01-01T12:00"]],
    [
      "every minute, from mid-minute",
      "* * * * ? *",
      "2030-01-01T00:00:30.500Z",
      ["2030-01-01T00:01", "2030-01-01T00:02"],
    ],
    [
      "quarter hours",
      "0/15 * * * ? *",
      "2030-01-01T00:07:00Z",
      ["2030-01-01T00:15", "2030-01-01T00:30", "2030-01-01T00:45", "2030-01-01T01:00"],
    ],
    ["year rollover", "0 0 1 1 ? *", "2030-06-01T00:00:00Z", ["2031-01-01T00:00"]],
    ["end of day rolls into the next month", "59 23 * * ? *", "2030-01-31T23:59:00Z", ["2030-02-01T23:59"]],
    [
      "L: the last day of each month, leap February",
      "0 0 L * ? *",
      "2032-02-01T00:00:00Z",
      ["2032-02-29T00:00", "2032-03-31T00:00", "2032-04-30T00:00"],
    ],
    ["L in a common February", "0 0 L * ? *", "2030-02-01T00:00:00Z", ["2030-02-28T00:00"]],
    [
      "LW: the last weekday (31 Mar 2030 is a Sunday, 31 Aug a Saturday)",
      "0 8 LW * ? *",
      "2030-03-01T00:00:00Z",
      ["2030-03-29T08:00", "2030-04-30T08:00", "2030-05-31T08:00"],
    ],
    ["LW when the last day is a Saturday", "0 8 LW * ? *", "2030-08-01T00:00:00Z", ["2030-08-30T08:00"]],
    [
      "15W: Saturday moves to Friday, Sunday to Monday",
      "0 0 15W * ? *",
      "2030-05-20T00:00:00Z",
      ["2030-06-14T00:00", "2030-07-15T00:00", "2030-08-15T00:00", "2030-09-16T00:00"],
    ],
    [
      "1W on a Saturday the 1st stays in the month",
      "0 0 1W * ? *",
      "2030-05-31T00:00:00Z",
      ["2030-06-03T00:00"],
    ],
    [
      "30W on a Sunday the 30th, the month's end",
      "0 0 30W * ? *",
      "2030-06-01T00:00:00Z",
      ["2030-06-28T00:00"],
    ],
    [
      "31W skips months without a 31st",
      "0 0 31W * ? *",
      "2030-04-01T00:00:00Z",
      ["2030-05-31T00:00", "2030-07-31T00:00", "2030-08-30T00:00"],
    ],
    [
      "6L: the last Friday",
      "15 10 ? * 6L *",
      "2030-01-01T00:00:00Z",
      ["2030-01-25T10:15", "2030-02-22T10:15", "2030-03-29T10:15", "2030-04-26T10:15"],
    ],
    ["FRIL reads as 6L", "15 10 ? * FRIL *", "2030-01-01T00:00:00Z", ["2030-01-25T10:15"]],
    [
      "2#1: the first Monday",
      "0 9 ? * 2#1 *",
      "2030-01-01T00:00:00Z",
      ["2030-01-07T09:00", "2030-02-04T09:00", "2030-03-04T09:00", "2030-04-01T09:00"],
    ],
    [
      "TUE#5: only months with five Tuesdays",
      "0 0 ? * TUE#5 *",
      "2030-01-01T00:00:00Z",
      ["2030-01-29T00:00", "2030-04-30T00:00", "2030-07-30T00:00"],
    ],
    [
      "L in day-of-week: Saturdays",
      "0 0 ? * L *",
      "2030-01-01T00:00:00Z",
      ["2030-01-05T00:00", "2030-01-12T00:00"],
    ],
    [
      "MON-FRI from a Friday evening",
      "0 9 ? * MON-FRI *",
      "2030-01-04T10:00:00Z",
      ["2030-01-07T09:00", "2030-01-08T09:00"],
    ],
    [
      "an hour range wrapping past midnight, Fridays only",
      "0 22-1 ? * FRI *",
      "2030-01-04T21:30:00Z",
      ["2030-01-04T22:00", "2030-01-04T23:00", "2030-01-11T00:00", "2030-01-11T01:00"],
    ],
    ["29 February waits for a leap year", "0 0 29 2 ? *", "2030-01-01T00:00:00Z", ["2032-02-29T00:00"]],
    [
      "months and years by name and range",
      "30 6 1 JAN,JUL ? 2035-2036",
      "2030-01-01T00:00:00Z",
      ["2035-01-01T06:30", "2035-07-01T06:30", "2036-01-01T06:30", "2036-07-01T06:30"],
    ],
    ["no tick after the last year", "0 0 * * ? 2030", "2030-12-31T00:00:00Z", []],
    ["no tick after 2199", "0 0 * * ? *", "2199-12-31T00:00:00Z", []],
    ["31 February never comes", "0 0 31 2 ? *", "2030-01-01T00:00:00Z", []],
  ])("%s: cron(%s) after %s", (_, expression, after, expected) => {
    expect(ticks(expression, after, Math.max(expected.length, 1))).toEqual(expected);
  });

  test("matches a day-by-day walk over random expressions (property)", () => {
    fc.assert(
      fc.property(
        cronText(),
        fc.date({ min: new Date("2029-01-01Z"), max: new Date("2032-12-31Z"), noInvalidDate: true }),
        (text, after) => {
          const cron = parseCronExpression(text);
          expect(cron, text).toBeDefined();
          const expected = walkToNext(cron!, after, WALK_DAYS);
          const actual = nextCronTime(cron!, after);
          if (expected !== undefined) expect(actual?.toISOString(), text).toBe(expected.toISOString());
          else if (actual !== undefined)
            expect(actual.getTime() - after.getTime()).toBeGreaterThan(WALK_DAYS * DAY_MS - DAY_MS);
        },
      ),
      { numRuns: 400 },
    );
  });
});

const DAY_MS = 86_400_000;
const WALK_DAYS = 4 * 366;

/**
 * A slow reference: the first matching minute after `after`, looking at each day in turn for at most `days`
 * days, with the day rules restated from their definitions rather than computed per month.
 */
function walkToNext(cron: CronExpression, after: Date, days: number): Date | undefined {
  const first = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000;
  let day = Math.floor(first / DAY_MS) * DAY_MS;
  for (let i = 0; i < days; i++, day += DAY_MS) {
    const date = new Date(day);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!cron.years.includes(y) || !cron.months.includes(m) || !dayMatches(cron.days, y, m, d)) continue;
    for (let minuteOfDay = 0; minuteOfDay < 1440; minuteOfDay++) {
      const at = day + minuteOfDay * 60_000;
      if (at < first) continue;
      if (cron.hours.includes(Math.floor(minuteOfDay / 60)) && cron.minutes.includes(minuteOfDay % 60))
        return new Date(at);
    }
  }
  return undefined;
}

function dayMatches(days: CronDays, y: number, m: number, d: number): boolean {
  const weekday = (date: number) => new Date(Date.UTC(y, m - 1, date)).getUTCDay() + 1;
  const exists = (date: number) => new Date(Date.UTC(y, m - 1, date)).getUTCMonth() === m - 1;
  const isWorkday = (date: number) => weekday(date) >= 2 && weekday(date) <= 6;
  switch (days.kind) {
    case "dates":
      return days.dates.includes(d);
    case "lastDate":
      return !exists(d + 1);
    case "lastWeekdayDate":
      return isWorkday(d) && [1, 2, 3].every((k) => !exists(d + k) || !isWorkday(d + k));
    case "nearestWeekday": {
      if (!exists(days.date)) return false;
      // The workday of the month closest to the date (there is never a tie).
      let best = 0;
      for (let date = 1; exists(date); date++) {
        if (isWorkday(date) && (best === 0 || Math.abs(date - days.date) < Math.abs(best - days.date)))
          best = date;
      }
      return d === best;
    }
    case "weekdays":
      return days.weekdays.includes(weekday(d));
    case "lastWeekday":
      return weekday(d) === days.weekday && !exists(d + 7);
    case "nthWeekday":
      return weekday(d) === days.weekday && Math.ceil(d / 7) === days.nth;
  }
}

/** Random EventBridge cron expressions (the inside of `cron(...)`) with a tick in most four-year walks. */
function cronText(): fc.Arbitrary<string> {
  const field = (min: number, max: number, names: readonly string[] = []) => {
    const value = fc.oneof(
      fc.integer({ min, max }).map(String),
      ...(names.length > 0 ? [fc.constantFrom(...names)] : []),
    );
    const part = fc.oneof(
      value,
      fc.tuple(value, value).map(([a, b]) => `${a}-${b}`),
      fc.tuple(value, fc.integer({ min: 1, max: max - min + 1 })).map(([a, n]) => `${a}/${n}`),
      fc.integer({ min: 1, max: max - min + 1 }).map((n) => `*/${n}`),
    );
    return fc.oneof(
      { weight: 2, arbitrary: fc.constant("*") },
      { weight: 3, arbitrary: part },
      {
        weight: 1,
        arbitrary: fc.array(part, { minLength: 2, maxLength: 3 }).map((parts) => parts.join(",")),
      },
    );
  };
  const months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
  const weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
  const dayOfMonth = fc.oneof(
    field(1, 31),
    fc.constantFrom("L", "LW"),
    fc.integer({ min: 1, max: 31 }).map((d) => `${d}W`),
  );
  const dayOfWeek = fc.oneof(
    field(1, 7, weekdays),
    fc.constant("L"),
    fc.oneof(fc.integer({ min: 1, max: 7 }).map(String), fc.constantFrom(...weekdays)).map((w) => `${w}L`),
    fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 })).map(([w, n]) => `${w}#${n}`),
  );
  const days = fc.oneof(
    dayOfMonth.map((dom) => [dom, "?"] as const),
    dayOfWeek.map((dow) => ["?", dow] as const),
  );
  const year = fc.oneof(fc.constant("*"), fc.constantFrom("2029-2033", "2030,2032", "2031"));
  return fc
    .tuple(field(0, 59), field(0, 23), days, field(1, 12, months), year)
    .map(([minute, hour, [dom, dow], month, y]) => `${minute} ${hour} ${dom} ${month} ${dow} ${y}`);
}
