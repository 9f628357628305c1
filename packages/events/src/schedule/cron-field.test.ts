import { describe, expect, test } from "vitest";
import { DAYS_OF_MONTH, DAYS_OF_WEEK, HOURS, MINUTES, MONTHS, parseCronField, YEARS } from "./cron-field.ts";

describe("parseCronField", () => {
  test.each([
    ["*", HOURS, Array.from({ length: 24 }, (_, i) => i)],
    ["5", MINUTES, [5]],
    ["5,1,5", MINUTES, [1, 5]],
    ["10-13", MINUTES, [10, 11, 12, 13]],
    ["0/15", MINUTES, [0, 15, 30, 45]],
    ["5/20", MINUTES, [5, 25, 45]],
    ["*/20", MINUTES, [0, 20, 40]],
    ["*/5", HOURS, [0, 5, 10, 15, 20]],
    ["10-40/10", MINUTES, [10, 20, 30, 40]],
    ["0/99", MINUTES, [0]],
    ["1,10-12,50/5", MINUTES, [1, 10, 11, 12, 50, 55]],
    ["22-2", HOURS, [0, 1, 2, 22, 23]],
    ["20-4/3", HOURS, [2, 20, 23]],
    ["*/10", DAYS_OF_MONTH, [1, 11, 21, 31]],
    ["28-2", DAYS_OF_MONTH, [1, 2, 28, 29, 30, 31]],
    ["JAN", MONTHS, [1]],
    ["jan-mar", MONTHS, [1, 2, 3]],
    ["NOV-FEB", MONTHS, [1, 2, 11, 12]],
    ["JAN/3", MONTHS, [1, 4, 7, 10]],
    ["6,DEC", MONTHS, [6, 12]],
    ["MON-FRI", DAYS_OF_WEEK, [2, 3, 4, 5, 6]],
    ["FRI-MON", DAYS_OF_WEEK, [1, 2, 6, 7]],
    ["SUN,SAT", DAYS_OF_WEEK, [1, 7]],
    ["1-7/2", DAYS_OF_WEEK, [1, 3, 5, 7]],
    ["2030", YEARS, [2030]],
    ["2030-2032", YEARS, [2030, 2031, 2032]],
    ["2190/5", YEARS, [2190, 2195]],
  ])("%s → %j", (text, spec, values) => {
    expect(parseCronField(text, spec)).toEqual(values);
  });

  test.each([
    ["", MINUTES],
    ["60", MINUTES],
    ["-1", MINUTES],
    ["1-", MINUTES],
    ["-5", MINUTES],
    ["1-2-3", MINUTES],
    ["0/0", MINUTES],
    ["0/", MINUTES],
    ["/5", MINUTES],
    ["0/5/5", MINUTES],
    ["*,5", MINUTES],
    ["5,", MINUTES],
    ["?", MINUTES],
    ["L", MINUTES],
    ["24", HOURS],
    ["0", DAYS_OF_MONTH],
    ["32", DAYS_OF_MONTH],
    ["0", MONTHS],
    ["13", MONTHS],
    ["JANUARY", MONTHS],
    ["MON", MONTHS],
    ["0", DAYS_OF_WEEK],
    ["8", DAYS_OF_WEEK],
    ["JAN", DAYS_OF_WEEK],
    ["1969", YEARS],
    ["2200", YEARS],
    ["2031-2030", YEARS],
    ["1.5", MINUTES],
    ["0x1", MINUTES],
  ])("%s is refused", (text, spec) => {
    expect(parseCronField(text, spec)).toBeUndefined();
  });
});
