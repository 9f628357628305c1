import { describe, expect, it } from "vitest";
import { runLocal } from "../run-local.ts";
import { printHistoryEvent } from "./history-event.ts";
import { taskEvents } from "./task-events.ts";

const lambda = "arn:aws:lambda:us-east-1:123456789012:function:work";
const activity = "arn:aws:states:us-east-1:123456789012:activity:work";
const scheduled = { input: { a: 1 }, timeoutSeconds: 30, heartbeatSeconds: 10 };

describe("taskEvents", () => {
  it("names a Lambda function ARN's events LambdaFunction*, without resourceType or a heartbeat", () => {
    const events = taskEvents(lambda);
    expect(events.scheduled(scheduled)).toEqual([
      "LambdaFunctionScheduled",
      { resource: lambda, input: { a: 1 }, inputDetails: { truncated: false }, timeoutInSeconds: 30 },
    ]);
    expect(events.started("w1")).toEqual(["LambdaFunctionStarted", undefined]);
    expect(events.succeeded(2)).toEqual([
      "LambdaFunctionSucceeded",
      { output: 2, outputDetails: { truncated: false } },
    ]);
    expect(events.failed({ error: "E", cause: "C" })).toEqual([
      "LambdaFunctionFailed",
      { error: "E", cause: "C" },
    ]);
    expect(events.timedOut("States.Timeout")).toEqual([
      "LambdaFunctionTimedOut",
      { error: "States.Timeout" },
    ]);
  });

  it("names an activity's events Activity*, with the heartbeat and the worker's name", () => {
    const events = taskEvents(activity);
    expect(events.scheduled(scheduled)).toEqual([
      "ActivityScheduled",
      {
        resource: activity,
        input: { a: 1 },
        inputDetails: { truncated: false },
        timeoutInSeconds: 30,
        heartbeatInSeconds: 10,
      },
    ]);
    expect(events.started("w1")).toEqual(["ActivityStarted", { workerName: "w1" }]);
    expect(events.timedOut("States.HeartbeatTimeout")).toEqual([
      "ActivityTimedOut",
      { error: "States.HeartbeatTimeout" },
    ]);
  });

  it("names every service integration's events Task*, lambda:invoke included, with resourceType and resource", () => {
    const events = taskEvents("arn:aws:states:::lambda:invoke");
    expect(events.scheduled({ input: { FunctionName: "work" } })).toEqual([
      "TaskScheduled",
      {
        resourceType: "lambda",
        resource: "invoke",
        region: "us-east-1",
        parameters: { FunctionName: "work" },
      },
    ]);
    expect(events.started("w1")).toEqual(["TaskStarted", { resourceType: "lambda", resource: "invoke" }]);
    expect(events.failed({ error: "E" })).toEqual([
      "TaskFailed",
      { resourceType: "lambda", resource: "invoke", error: "E" },
    ]);
  });
});

describe("task history events of a run", () => {
  it("records a failing then succeeding Lambda function as GetExecutionHistory prints it", async () => {
    let calls = 0;
    const { history } = await runLocal(
      {
        StartAt: "T",
        States: {
          T: { Type: "Task", Resource: lambda, Retry: [{ ErrorEquals: ["OutOfStock"] }], End: true },
        },
      },
      { a: 1 },
      {
        handlers: {
          work: () => {
            if (++calls === 1) throw Object.assign(new Error("no stock"), { name: "OutOfStock" });
            return Promise.resolve({ ok: true });
          },
        },
      },
    );
    const events = history.map(printHistoryEvent).filter((e) => e.type.startsWith("Lambda"));
    expect(events.map((e) => e.type)).toEqual([
      "LambdaFunctionScheduled",
      "LambdaFunctionFailed",
      "LambdaFunctionScheduled",
      "LambdaFunctionSucceeded",
    ]);
    expect(events[0]).toMatchObject({
      lambdaFunctionScheduledEventDetails: { resource: lambda, input: '{"a":1}' },
    });
    expect(events[1]).toMatchObject({
      lambdaFunctionFailedEventDetails: { error: "OutOfStock", cause: "no stock" },
    });
    expect(events[3]).toMatchObject({ lambdaFunctionSucceededEventDetails: { output: '{"ok":true}' } });
  });
});
