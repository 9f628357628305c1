import { describe, expect, test } from "vitest";
import { isScheduleExpression, parseScheduleExpression } from "./schedule-expression.ts";

describe("isScheduleExpression", () => {
  test.each([
    ["rate(1 minute)", true],
    ["rate(5 minutes)", true],
    ["rate(1 hour)", true],
    ["rate(12 hours)", true],
    ["rate(1 day)", true],
    ["rate(7 days)", true],
    ["rate(9999999 days)", true],
    ["rate(1 minutes)", false],
    ["rate(1 hours)", false],
    ["rate(1 days)", false],
    ["rate(5 minute)", false],
    ["rate(2 hour)", false],
    ["rate(2 day)", false],
    ["rate(0 minutes)", false],
    ["rate(0 minute)", false],
    ["rate(-1 minutes)", false],
    ["rate(10000000 days)", false],
    ["rate(5 seconds)", false],
    ["rate(1 week)", false],
    ["rate(five minutes)", false],
    ["rate(5 Minutes)", false],
    ["rate(5  minutes)", false],
    ["rate(5minutes)", false],
    ["rate (5 minutes)", false],
    ["cron(0 12 * * ? *)", true],
    ["cron(15 10 ? * 6L 2002-2005)", true],
    ["cron(0/15 * * * ? *)", true],
    ["cron(*/15 * * * ? *)", true],
    ["cron(0 8 1 * ? *)", true],
    ["cron(0 18 ? * MON-FRI *)", true],
    ["cron(0 18 ? * mon-fri *)", true],
    ["cron(0 10 L * ? *)", true],
    ["cron(0 10 LW * ? *)", true],
    ["cron(0 10 15W * ? *)", true],
    ["cron(0 10 ? * 3#2 *)", true],
    ["cron(0 10 ? * FRI#5 *)", true],
    ["cron(0 10 ? * L *)", true],
    ["cron(0 10 ? * SATL *)", true],
    ["cron(0 9 1,15 JAN-MAR ? 2030,2032)", true],
    ["cron(0 22-2 ? * FRI-MON *)", true],
    ["cron(0-30/10 * * * ? *)", true],
    ["cron( 0 12 * * ? * )", true],
    ["cron(0 12 * * * *)", false],
    ["cron(0 12 ? * ? *)", false],
    ["cron(0 12 * *)", false],
    ["cron(0 12 * * ? * *)", false],
    ["cron(61 12 * * ? *)", false],
    ["cron(0 25 * * ? *)", false],
    ["cron(0 12 0 * ? *)", false],
    ["cron(0 12 32 * ? *)", false],
    ["cron(0 12 * 13 ? *)", false],
    ["cron(0 12 ? * 0 *)", false],
    ["cron(0 12 ? * 8 *)", false],
    ["cron(0 12 ? * 8#2 *)", false],
    ["cron(0 12 ? * 3#6 *)", false],
    ["cron(0 12 ? * 3#0 *)", false],
    ["cron(0 12 ? * XYZ#1 *)", false],
    ["cron(0 12 ? * 9L *)", false],
    ["cron(0 12 32W * ? *)", false],
    ["cron(0 12 0W * ? *)", false],
    ["cron(0 12 1-5W * ? *)", false],
    ["cron(0 12 * * ? 1969)", false],
    ["cron(0 12 * * ? 2200)", false],
    ["cron(0 12 * * ? 2030-2020)", false],
    ["cron(0/0 12 * * ? *)", false],
    ["cron(0/x 12 * * ? *)", false],
    ["cron(0/5/5 12 * * ? *)", false],
    ["cron(1-2-3 12 * * ? *)", false],
    ["cron(*,5 12 * * ? *)", false],
    ["cron(0, 12 * * ? *)", false],
    ["cron(? 12 * * ? *)", false],
    ["cron(0 12 * FOO ? *)", false],
    ["every 5 minutes", false],
    ["", false],
  ])("%s → %s", (expression, valid) => {
    expect(isScheduleExpression(expression)).toBe(valid);
  });
});

describe("parseScheduleExpression", () => {
  test.each([
    ["rate(1 minute)", 60_000],
    ["rate(5 minutes)", 300_000],
    ["rate(1 hour)", 3_600_000],
    ["rate(3 hours)", 10_800_000],
    ["rate(1 day)", 86_400_000],
    ["rate(2 days)", 172_800_000],
  ])("%s is a rate of %i ms", (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toEqual({ kind: "rate", periodMs });
  });

  test("a cron expression compiles its fields", () => {
    expect(parseScheduleExpression("cron(0/20 9-10 ? JAN,jul MON-FRI 2030-2031)")).toEqual({
      kind: "cron",
      cron: {
        minutes: [0, 20, 40],
        hours: [9, 10],
        days: { kind: "weekdays", weekdays: [2, 3, 4, 5, 6] },
        months: [1, 7],
        years: [2030, 2031],
      },
    });
  });
});
