import { createMemoryTaskQueue, type TaskJob } from "@stepflow/engine/queue";
import { describe, expect, test } from "vitest";
import { poisonFailure, QUARANTINE_QUEUE } from "./poison-task.ts";
import { Worker } from "./worker.ts";

const task = (resource: string, extra: Partial<TaskJob> = {}): TaskJob => ({
  token: "tok-1",
  executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e",
  stateName: "S",
  handler: "crash",
  resource,
  input: null,
  attempt: 0,
  ...extra,
});

describe("poisonFailure", () => {
  test.each([
    ["a Lambda function ARN", task("arn:aws:lambda:us-east-1:123456789012:function:crash")],
    ["lambda:invoke", task("arn:aws:states:::lambda:invoke", { lambdaInvoke: true })],
    ["lambda:invoke.waitForTaskToken", task("arn:aws:states:::lambda:invoke.waitForTaskToken")],
  ])("%s fails with Lambda.Unknown and the cause AWS gives a crash without an error type", (_, job) => {
    const failure = poisonFailure(job, 6, 5);
    expect(failure.error).toBe("Lambda.Unknown");
    const prefix =
      "The cause could not be determined because Lambda did not return an error type. Returned payload: ";
    expect(failure.cause?.startsWith(prefix)).toBe(true);
    const payload = JSON.parse(failure.cause.slice(prefix.length)) as { errorMessage: string };
    expect(payload.errorMessage).toContain("RequestId: tok-1");
    expect(payload.errorMessage).toContain("6 times");
    expect(payload.errorMessage).toContain(QUARANTINE_QUEUE);
  });

  test("any other resource fails with States.TaskFailed, naming the handler, the stalls and the limit", () => {
    const failure = poisonFailure(task("arn:aws:states:us-east-1:123456789012:activity:crash"), 3, 2);
    expect(failure.error).toBe("States.TaskFailed");
    expect(failure.cause).toMatch(/^Handler "crash" failed: .* 3 times .*stall limit 2.*stepflow-quarantine/);
  });
});

describe("Worker stallLimit", () => {
  test.each([-1, 1.5, Number.NaN])("refuses %s", (stallLimit) => {
    expect(
      () => new Worker({ queue: createMemoryTaskQueue(), handlers: { a: () => 1 }, stallLimit }),
    ).toThrow("stallLimit must be a non-negative integer");
  });
});
