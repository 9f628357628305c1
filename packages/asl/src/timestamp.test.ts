import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp.ts";

describe("parseTimestamp", () => {
  it.each([
    ["2016-03-14T01:59:00Z", Date.UTC(2016, 2, 14, 1, 59, 0)],
    ["1970-01-01T00:00:00Z", 0],
    ["1969-12-31T23:59:59Z", -1000],
    ["2024-02-29T12:00:00Z", Date.UTC(2024, 1, 29, 12)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["2016-03-14T01:59:00.5Z", Date.UTC(2016, 2, 14, 1, 59, 0, 500)],
    ["2016-03-14T01:59:00.123Z", Date.UTC(2016, 2, 14, 1, 59, 0, 123)],
    ["2016-03-14T01:59:00.123999999Z", Date.UTC(2016, 2, 14, 1, 59, 0, 123)],
    ["2016-03-14T01:59:00+01:00", Date.UTC(2016, 2, 14, 0, 59, 0)],
    ["2016-03-14T01:59:00-05:30", Date.UTC(2016, 2, 14, 7, 29, 0)],
    ["2016-03-14T00:30:00+01:00", Date.UTC(2016, 2, 13, 23, 30, 0)],
    ["2016-03-14T01:59:00.250+00:00", Date.UTC(2016, 2, 14, 1, 59, 0, 250)],
    ["0001-01-01T00:00:00Z", -62_135_596_800_000],
    ["9999-12-31T23:59:59Z", 253_402_300_799_000],
  ])("%s is %d", (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it("agrees with Date.parse on valid timestamps", () => {
    for (const text of [
      "2012-10-09T19:00:55Z",
      "2023-02-24T23:59:59.999Z",
      "1999-12-31T23:30:00-01:15",
      "2038-01-19T03:14:08+14:00",
    ]) {
      expect(parseTimestamp(text)).toBe(Date.parse(text));
    }
  });

  it("gives one instant for different offsets of the same time", () => {
    expect(parseTimestamp("2016-03-14T02:59:00+01:00")).toBe(parseTimestamp("2016-03-14T01:59:00Z"));
  });

  it.each([
    ["no offset", "2012-10-09T19:00:55"],
    ["date only", "2023-02-24"],
    ["lower-case t", "2016-03-14t01:59:00Z"],
    ["lower-case z", "2016-03-14T01:59:00z"],
    ["space separator", "2016-03-14 01:59:00Z"],
    ["no seconds", "2016-03-14T01:59Z"],
    ["empty fraction", "2016-03-14T01:59:00.Z"],
    ["offset without colon", "2016-03-14T01:59:00+0100"],
    ["offset hours only", "2016-03-14T01:59:00+01"],
    ["month 13", "2016-13-14T01:59:00Z"],
    ["month 00", "2016-00-14T01:59:00Z"],
    ["day 00", "2016-03-00T01:59:00Z"],
    ["April 31", "2016-04-31T01:59:00Z"],
    ["February 29 of a common year", "2023-02-29T01:59:00Z"],
    ["February 29 of 1900", "1900-02-29T01:59:00Z"],
    ["hour 24", "2016-03-14T24:00:00Z"],
    ["minute 60", "2016-03-14T01:60:00Z"],
    ["leap second", "2016-12-31T23:59:60Z"],
    ["offset hour 24", "2016-03-14T01:59:00+24:00"],
    ["offset minute 60", "2016-03-14T01:59:00+01:60"],
    ["five-digit year", "12016-03-14T01:59:00Z"],
    ["short year", "216-03-14T01:59:00Z"],
    ["leading space", " 2016-03-14T01:59:00Z"],
    ["trailing newline", "2016-03-14T01:59:00Z\n"],
    ["empty", ""],
    ["words", "HelloWorld"],
  ])("rejects %s", (_label, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
