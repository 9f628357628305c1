import { describe, expect, it } from "vitest";
import { errorMatches } from "./error-matches.ts";

describe("errorMatches", () => {
  it.each([
    [["States.ALL"], "MyError", true],
    [["States.ALL"], "States.Timeout", true],
    [["States.ALL"], "States.Runtime", false],
    [["States.ALL"], "States.DataLimitExceeded", false],
    [["States.TaskFailed"], "MyError", true],
    [["States.TaskFailed"], "States.HeartbeatTimeout", true],
    [["States.TaskFailed"], "States.Timeout", false],
    [["A", "B"], "B", true],
    [["A"], "B", false],
  ])("%j covers %s: %s", (errorEquals, error, expected) => {
    expect(errorMatches(errorEquals, error)).toBe(expected);
  });
});
