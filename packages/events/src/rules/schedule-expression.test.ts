import { describe, expect, test } from "vitest";
import { isScheduleExpression } from "./schedule-expression.ts";

describe("isScheduleExpression", () => {
  test.each([
    ["rate(1 minute)", true],
    ["rate(5 minutes)", true],
    ["rate(1 hour)", true],
    ["rate(12 hours)", true],
    ["rate(7 days)", true],
    ["rate(1 minutes)", false],
    ["rate(5 minute)", false],
    ["rate(0 minutes)", false],
    ["rate(5 seconds)", false],
    ["rate(five minutes)", false],
    ["cron(0 12 * * ? *)", true],
    ["cron(15 10 ? * 6L 2002-2005)", true],
    ["cron(0/15 * * * ? *)", true],
    ["cron(0 8 1 * ? *)", true],
    ["cron(0 18 ? * MON-FRI *)", true],
    ["cron(0 10 L * ? *)", true],
    ["cron(0 12 * * * *)", false],
    ["cron(0 12 ? * ? *)", false],
    ["cron(0 12 * *)", false],
    ["cron(61 12 * * ? *)", false],
    ["cron(0 25 * * ? *)", false],
    ["every 5 minutes", false],
  ])("%s → %s", (expression, valid) => {
    expect(isScheduleExpression(expression)).toBe(valid);
  });
});
