import { describe, expect, it } from "vitest";
import {
  advance,
  compileMachine,
  startSnapshot,
  type AdvanceResult,
  type Env,
  type Json,
} from "../src/index.ts";

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

describe("redrive of a Parallel or Map state", () => {
  const call = (name: string) => ({
    Type: "Task",
    Resource: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    End: true,
  });
  /** A machine whose one state is a Parallel with one Task branch per name. */
  const parallelOf = (names: string[], extra: object = {}) => ({
    StartAt: "P",
    States: {
      P: {
        Type: "Parallel",
        Branches: names.map((name) => ({ StartAt: name, States: { [name]: call(name) } })),
        ...extra,
        End: true,
      },
    },
  });
  /** The last path segment of a Task resource: the branch name. */
  const branch = (task: { resource: string }) => task.resource.split(":").pop();
  type Scheduled = { token: string; resource: string; input: unknown };
  const scheduled = (result: AdvanceResult): Scheduled[] =>
    result.commands.filter((c) => c.type === "ScheduleTask");

  async function run(definition: Parameters<typeof compileMachine>[0], input: Json) {
    const machine = compileMachine(definition);
    const env = testEnv();
    let last = await advance(machine, startSnapshot(input, env), { type: "ExecutionStarted", input }, env);
    const step = async (signal: Parameters<typeof advance>[2]) =>
      (last = await advance(machine, last.snapshot, signal, env));
    return {
      step,
      get last() {
        return last;
      },
    };
  }

  it("runs again only the branches that failed or were aborted, keeping the others' outputs", async () => {
    const parallel = parallelOf(["a", "b", "c"]);
    const execution = await run(parallel, { n: 1 });
    const [a, b] = scheduled(execution.last);
    await execution.step({ type: "TaskSucceeded", token: a!.token, output: "A" });
    const failed = await execution.step({ type: "TaskFailed", token: b!.token, error: "Boom" });
    expect(failed.snapshot.status).toBe("FAILED");
    const redriven = await execution.step({ type: "RedriveRequested" });
    const again = scheduled(redriven);
    expect(again.map(branch)).toEqual(["b", "c"]);
    await execution.step({ type: "TaskSucceeded", token: again[0]!.token, output: "B" });
    const done = await execution.step({ type: "TaskSucceeded", token: again[1]!.token, output: "C" });
    expect(done.snapshot).toMatchObject({ status: "SUCCEEDED", output: ["A", "B", "C"] });
  });

  it("runs again only the Map iterations that did not succeed, across several redrives", async () => {
    const map = {
      StartAt: "M",
      States: { M: { Type: "Map", ItemProcessor: { StartAt: "w", States: { w: call("w") } }, End: true } },
    };
    const execution = await run(map, [0, 1, 2, 3]);
    const first = scheduled(execution.last);
    expect(first.map((task) => task.input)).toEqual([0, 1, 2, 3]);
    await execution.step({ type: "TaskSucceeded", token: first[0]!.token, output: "r0" });
    await execution.step({ type: "TaskSucceeded", token: first[2]!.token, output: "r2" });
    await execution.step({ type: "TaskFailed", token: first[1]!.token, error: "Boom" });
    const second = scheduled(await execution.step({ type: "RedriveRequested" }));
    expect(second.map((task) => task.input)).toEqual([1, 3]);
    await execution.step({ type: "TaskSucceeded", token: second[0]!.token, output: "r1" });
    const failedAgain = await execution.step({ type: "TaskFailed", token: second[1]!.token, error: "Boom" });
    expect(failedAgain.snapshot.status).toBe("FAILED");
    const third = scheduled(await execution.step({ type: "RedriveRequested" }));
    expect(third.map((task) => task.input)).toEqual([3]);
    const done = await execution.step({ type: "TaskSucceeded", token: third[0]!.token, output: "r3" });
    expect(done.snapshot).toMatchObject({ status: "SUCCEEDED", output: ["r0", "r1", "r2", "r3"] });
    expect(done.snapshot.redrive?.count).toBe(2);
  });

  it("keeps finished branches of a Parallel that was still running when the execution was stopped", async () => {
    const parallel = parallelOf(["a", "b"]);
    const execution = await run(parallel, {});
    const [a] = scheduled(execution.last);
    await execution.step({ type: "TaskSucceeded", token: a!.token, output: "A" });
    await execution.step({ type: "StopRequested" });
    const again = scheduled(await execution.step({ type: "RedriveRequested" }));
    expect(again.map(branch)).toEqual(["b"]);
    const done = await execution.step({ type: "TaskSucceeded", token: again[0]!.token, output: "B" });
    expect(done.snapshot).toMatchObject({ status: "SUCCEEDED", output: ["A", "B"] });
  });

  it("runs every branch again when the Parallel state is retried (a retry is not a redrive)", async () => {
    const parallel = parallelOf(["a", "b"], {
      Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 1, IntervalSeconds: 1 }],
    });
    const execution = await run(parallel, {});
    const [a, b] = scheduled(execution.last);
    await execution.step({ type: "TaskSucceeded", token: a!.token, output: "A" });
    const waiting = await execution.step({ type: "TaskFailed", token: b!.token, error: "Boom" });
    const timer = waiting.commands.find((c) => c.type === "StartTimer") as { timer: string } | undefined;
    const retried = scheduled(await execution.step({ type: "TimerFired", timer: timer!.timer }));
    expect(retried.map(branch)).toEqual(["a", "b"]);
  });
});
