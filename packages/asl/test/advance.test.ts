import { describe, expect, it } from "vitest";
import { advance, compileMachine, startSnapshot, type AdvanceResult, type Env } from "../src/index.ts";

function testEnv(start = 1_000_000): Env & { tick(ms: number): void } {
  let now = start;
  let n = 0;
  return {
    now: () => now,
    tick: (ms) => (now += ms),
    random: () => 0.5,
    uuid: () => `token-${++n}`,
    execution: {
      id: "exec-arn",
      name: "exec",
      roleArn: "role",
      stateMachineId: "sm-arn",
      stateMachineName: "sm",
    },
  };
}

const taskMachine = compileMachine({
  StartAt: "T",
  States: {
    T: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      TimeoutSeconds: 10,
      HeartbeatSeconds: 3,
      Catch: [{ ErrorEquals: ["States.Timeout"], Next: "TimedOut" }],
      End: true,
    },
    TimedOut: { Type: "Pass", Result: "timed out", End: true },
  },
});

async function started(env: Env): Promise<AdvanceResult> {
  return advance(
    taskMachine,
    startSnapshot({ x: 1 }, env),
    { type: "ExecutionStarted", input: { x: 1 } },
    env,
  );
}

describe("advance", () => {
  it("schedules a task with its timeout and heartbeat timers", async () => {
    const env = testEnv();
    const { commands } = await started(env);
    expect(commands).toEqual([
      { type: "StartTimer", timer: "token-1:timeout", dueAt: 1_010_000 },
      { type: "StartTimer", timer: "token-1:heartbeat", dueAt: 1_003_000 },
      expect.objectContaining({
        type: "ScheduleTask",
        token: "token-1",
        input: { x: 1 },
        timeoutSeconds: 10,
        heartbeatSeconds: 3,
      }),
    ]);
  });

  it("fails the task with States.Timeout when its timer fires, and Catch takes over", async () => {
    const env = testEnv();
    const first = await started(env);
    env.tick(10_000);
    const { snapshot, commands, events } = await advance(
      taskMachine,
      first.snapshot,
      { type: "TimerFired", timer: "token-1:timeout" },
      env,
    );
    expect(snapshot.status).toBe("SUCCEEDED");
    expect(snapshot.output).toBe("timed out");
    expect(commands).toContainEqual({
      type: "CancelTask",
      token: "token-1",
      resource: "arn:aws:states:::lambda:invoke",
    });
    expect(events.map((e) => e.type)).toContain("TaskTimedOut");
  });

  it("ignores a result for a token that is no longer pending", async () => {
    const env = testEnv();
    const first = await started(env);
    const done = await advance(
      taskMachine,
      first.snapshot,
      { type: "TaskSucceeded", token: "token-1", output: { ok: true } },
      env,
    );
    expect(done.snapshot.status).toBe("SUCCEEDED");
    const again = await advance(
      taskMachine,
      done.snapshot,
      { type: "TaskSucceeded", token: "token-1", output: { ok: false } },
      env,
    );
    expect(again.events).toEqual([]);
    expect(again.commands).toEqual([]);
    expect(again.snapshot.output).toEqual({ ok: true });
  });

  it("moves the heartbeat timer on each heartbeat", async () => {
    const env = testEnv();
    const first = await started(env);
    env.tick(2_000);
    const beat = await advance(taskMachine, first.snapshot, { type: "TaskHeartbeat", token: "token-1" }, env);
    expect(beat.commands).toEqual([{ type: "StartTimer", timer: "token-1:heartbeat", dueAt: 1_005_000 }]);
  });

  it("aborts on StopRequested and cancels the running task", async () => {
    const env = testEnv();
    const first = await started(env);
    const stopped = await advance(
      taskMachine,
      first.snapshot,
      { type: "StopRequested", error: "Halt", cause: "by test" },
      env,
    );
    expect(stopped.snapshot.status).toBe("ABORTED");
    expect(stopped.commands).toContainEqual({
      type: "CancelTask",
      token: "token-1",
      resource: "arn:aws:states:::lambda:invoke",
    });
    expect(stopped.events.at(-1)).toMatchObject({
      type: "ExecutionAborted",
      executionAbortedEventDetails: { error: "Halt", cause: "by test" },
    });
  });

  it("is deterministic: the same signals and env give the same history", async () => {
    const runOnce = async () => {
      const env = testEnv();
      const first = await started(env);
      env.tick(1_000);
      const done = await advance(
        taskMachine,
        first.snapshot,
        { type: "TaskSucceeded", token: "token-1", output: [1, 2] },
        env,
      );
      return JSON.stringify([first.events, done.events, done.snapshot]);
    };
    expect(await runOnce()).toBe(await runOnce());
  });
});

describe("redrive", () => {
  it("re-enters the failed top-level state with its input and variables, counting redrives", async () => {
    const machine = compileMachine({
      StartAt: "Keep",
      States: {
        Keep: { Type: "Pass", Assign: { kept: "yes" }, Next: "Call" },
        Call: {
          Type: "Task",
          Resource: "arn:aws:lambda:us-east-1:123456789012:function:f",
          Parameters: { "kept.$": "$kept" },
          End: true,
        },
      },
    });
    const env = testEnv();
    const started = await advance(
      machine,
      startSnapshot({ a: 1 }, env),
      { type: "ExecutionStarted", input: { a: 1 } },
      env,
    );
    const failed = await advance(
      machine,
      started.snapshot,
      { type: "TaskFailed", token: "token-1", error: "Boom" },
      env,
    );
    expect(failed.snapshot.status).toBe("FAILED");
    const redriven = await advance(machine, failed.snapshot, { type: "RedriveRequested" }, env);
    expect(redriven.snapshot.status).toBe("RUNNING");
    expect(redriven.snapshot.redrive?.count).toBe(1);
    expect(redriven.events.map((e) => e.type)).toEqual([
      "ExecutionRedriven",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
    ]);
    expect(redriven.commands).toContainEqual(
      expect.objectContaining({ type: "ScheduleTask", token: "token-2", input: { kept: "yes" } }),
    );
    const done = await advance(
      machine,
      redriven.snapshot,
      { type: "TaskSucceeded", token: "token-2", output: "ok" },
      env,
    );
    expect(done.snapshot).toMatchObject({ status: "SUCCEEDED", output: "ok" });
    const again = await advance(machine, done.snapshot, { type: "RedriveRequested" }, env);
    expect(again.events).toEqual([]);
  });
});
