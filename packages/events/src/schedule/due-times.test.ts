import { describe, expect, test } from "vitest";
import { firstDueAt, nextDueAt } from "./due-times.ts";
import { parseScheduleExpression, type Schedule } from "./schedule-expression.ts";

const schedule = (expression: string): Schedule => parseScheduleExpression(expression)!;
const at = (iso: string) => new Date(iso);
const iso = (date: Date | undefined) => date?.toISOString();

describe("firstDueAt", () => {
  test("a rate is first due one period after it starts, to the millisecond", () => {
    expect(iso(firstDueAt(schedule("rate(1 minute)"), at("2030-01-01T10:00:30.250Z")))).toBe(
      "2030-01-01T10:01:30.250Z",
    );
    expect(iso(firstDueAt(schedule("rate(2 hours)"), at("2030-01-01T23:30:00Z")))).toBe(
      "2030-01-02T01:30:00.000Z",
    );
    expect(iso(firstDueAt(schedule("rate(1 day)"), at("2030-02-28T12:00:00Z")))).toBe(
      "2030-03-01T12:00:00.000Z",
    );
  });

  test("a cron expression is first due at its next minute after the start", () => {
    expect(iso(firstDueAt(schedule("cron(0 12 * * ? *)"), at("2030-01-01T11:59:00Z")))).toBe(
      "2030-01-01T12:00:00.000Z",
    );
    expect(iso(firstDueAt(schedule("cron(0 12 * * ? *)"), at("2030-01-01T12:00:00Z")))).toBe(
      "2030-01-02T12:00:00.000Z",
    );
  });

  test("a cron expression whose years are over is never due", () => {
    expect(firstDueAt(schedule("cron(0 12 * * ? 2020)"), at("2030-01-01T00:00:00Z"))).toBeUndefined();
  });
});

describe("nextDueAt", () => {
  test("a rate fired on time is due one period after the tick, keeping its phase", () => {
    const due = at("2030-01-01T10:01:30.250Z");
    expect(iso(nextDueAt(schedule("rate(1 minute)"), due, at("2030-01-01T10:01:32Z")))).toBe(
      "2030-01-01T10:02:30.250Z",
    );
  });

  test("a rate late by many periods skips the missed ticks and stays on its phase", () => {
    const due = at("2030-01-01T10:01:30Z");
    expect(iso(nextDueAt(schedule("rate(5 minutes)"), due, at("2030-01-01T12:00:00Z")))).toBe(
      "2030-01-01T12:01:30.000Z",
    );
    // Found exactly on a later tick: that tick counts as fired, the next is one period on.
    expect(iso(nextDueAt(schedule("rate(5 minutes)"), due, at("2030-01-01T10:11:30Z")))).toBe(
      "2030-01-01T10:16:30.000Z",
    );
  });

  test("a cron schedule is due at its first minute after now, however late it fired", () => {
    const due = at("2030-01-01T12:00:00Z");
    expect(iso(nextDueAt(schedule("cron(0 12 * * ? *)"), due, at("2030-01-01T12:00:03Z")))).toBe(
      "2030-01-02T12:00:00.000Z",
    );
    expect(iso(nextDueAt(schedule("cron(0 12 * * ? *)"), due, at("2030-01-05T13:00:00Z")))).toBe(
      "2030-01-06T12:00:00.000Z",
    );
    expect(iso(nextDueAt(schedule("cron(0/10 * * * ? *)"), due, at("2030-01-05T13:05:00Z")))).toBe(
      "2030-01-05T13:10:00.000Z",
    );
  });

  test("a clock behind the due time never schedules the same tick again", () => {
    const due = at("2030-01-01T12:00:00Z");
    expect(iso(nextDueAt(schedule("rate(1 hour)"), due, at("2030-01-01T11:59:00Z")))).toBe(
      "2030-01-01T13:00:00.000Z",
    );
    expect(iso(nextDueAt(schedule("cron(0 * * * ? *)"), due, at("2030-01-01T11:59:00Z")))).toBe(
      "2030-01-01T13:00:00.000Z",
    );
  });

  test("a cron schedule after its last tick is due never", () => {
    const due = at("2030-12-31T12:00:00Z");
    expect(nextDueAt(schedule("cron(0 12 * * ? 2030)"), due, at("2030-12-31T12:00:05Z"))).toBeUndefined();
  });
});
