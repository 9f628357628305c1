import { EngineError, SqlError } from "@stepflow/engine";
import { describe, expect, it } from "vitest";
import { dataExceptionOf } from "./data-exception.ts";

describe("dataExceptionOf", () => {
  it.each([
    ["22P05", "StartExecution", "InvalidExecutionInput"],
    ["22P02", "StartSyncExecution", "InvalidExecutionInput"],
    ["22021", "SendTaskSuccess", "InvalidOutput"],
    ["22001", "CreateStateMachine", "ValidationException"],
  ])("answers SQLSTATE %s in %s as a 400 %s", (sqlState, action, type) => {
    const error = dataExceptionOf(
      new SqlError("other", "unsupported Unicode escape sequence", { sqlState }),
      action,
    );
    expect(error).toMatchObject({ type, status: 400 });
    expect(error?.message).toContain("unsupported Unicode escape sequence");
  });

  it.each([
    ["another SQLSTATE class", new SqlError("other", "boom", { sqlState: "42P01" })],
    ["no SQLSTATE", new SqlError("unavailable", "down")],
    ["an engine error", new EngineError("InvalidArn", "bad")],
    ["a plain error", new Error("x")],
  ])("leaves %s alone", (_what, error) => {
    expect(dataExceptionOf(error, "StartExecution")).toBeUndefined();
  });
});
