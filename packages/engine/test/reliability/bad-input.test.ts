import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Worker } from "@stepflow/worker";
import { createEngine, type Engine } from "../../src/engine/create-engine.ts";
import { RESULTS_STREAM, type TaskReport } from "../../src/tasks/task-messages.ts";
import { newTaskToken } from "../../src/tasks/task-token.ts";
import { backends, type Backend } from "../support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const backend of backends) {
  describe.skipIf(!backend.available)(`bad input on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let worker: Worker;
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
      worker = new Worker({
        queue: b.queue,
        concurrency: 4,
        handlers: {
          bigint: () => ({ total: 10n }) as never,
          huge: () => ({ blob: "x".repeat(300 * 1024) }),
          // Hands its token to the test and never reports: the test plays the worker's reports itself.
          park: (input: { key: string }, ctx) => {
            tokens.set(input.key, ctx.taskToken);
            return new Promise(() => {});
          },
        },
      });
      await worker.start();
    }, 60_000);

    afterAll(async () => {
      await worker?.close({ timeoutMs: 100 });
      await engine?.close();
      await b?.close();
    });

    async function run(name: string, states: object, input: object = {}) {
      const { stateMachineArn } = await engine.stateMachines.create({
        name,
        roleArn,
        definition: JSON.stringify({ StartAt: "T", States: states }),
      });
      return (await engine.executions.start({ stateMachineArn, input: JSON.stringify(input) })).executionArn;
    }

    const finished = (arn: string) =>
      until(async () => {
        const d = await engine.executions.describe(arn);
        return d.status === "RUNNING" ? undefined : d;
      }, `${arn} to finish`);

    const history = async (arn: string) =>
      (await engine.executions.history({ executionArn: arn, maxResults: 1000 })).events;

    /** Sends raw reports as a (broken) worker would and waits until the engine consumed them. */
    async function report(...reports: TaskReport[]) {
      await b.queue.append(RESULTS_STREAM, reports);
      await until(
        async () => ((await b.queue.streamLength(RESULTS_STREAM)) === 0 ? true : undefined),
        "the reports to be consumed",
      );
    }

    async function parked(name: string) {
      const arn = await run(name, {
        T: { Type: "Task", Resource: fn("park"), Parameters: { key: name }, End: true },
      });
      const token = await until(() => Promise.resolve(tokens.get(name)), `${name}'s task`);
      return { arn, token };
    }

    it("a worker result that is not JSON fails the task with Stepflow.InvalidResult, which Catch sees", async () => {
      const arn = await run("not-json", {
        T: {
          Type: "Task",
          Resource: fn("bigint"),
          Catch: [{ ErrorEquals: ["Stepflow.InvalidResult"], ResultPath: "$.caught", Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      });
      const done = await finished(arn);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toMatchObject({
        caught: { Error: "Stepflow.InvalidResult", Cause: expect.stringContaining("BigInt") as unknown },
      });
    });

    it("a 300 KiB worker result fails the task with States.DataLimitExceeded; SendTaskSuccess refuses one", async () => {
      const arn = await run("too-big", { T: { Type: "Task", Resource: fn("huge"), End: true } });
      const done = await finished(arn);
      expect(done).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
      expect(done.cause).toMatch(/exceeding the maximum number of bytes/);
      expect((await history(arn)).some((e) => e.type === "LambdaFunctionSucceeded")).toBe(false);

      const { arn: waiting, token } = await parked("too-big-callback");
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: token, output: JSON.stringify("y".repeat(300 * 1024)) }),
      ).rejects.toMatchObject({ code: "ValidationException" });
      expect((await engine.executions.describe(waiting)).status).toBe("RUNNING");
      await engine.executions.stop({ executionArn: waiting });
    });

    it("unknown and malformed task tokens are rejected, and reports carrying them change nothing", async () => {
      const ghost = newTaskToken("arn:aws:states:us-east-1:123456789012:execution:nobody:nothing");
      await expect(engine.tasks.sendTaskSuccess({ taskToken: ghost, output: "{}" })).rejects.toMatchObject({
        code: "TaskDoesNotExist",
      });
      await expect(engine.tasks.sendTaskFailure({ taskToken: ghost })).rejects.toMatchObject({
        code: "TaskDoesNotExist",
      });
      await expect(engine.tasks.sendTaskHeartbeat({ taskToken: ghost })).rejects.toMatchObject({
        code: "TaskDoesNotExist",
      });
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: "not-a-token", output: "{}" }),
      ).rejects.toMatchObject({ code: "InvalidToken" });
      // A token of a real execution that it never issued.
      const { arn, token } = await parked("unknown-token");
      const forged = newTaskToken(arn);
      await expect(engine.tasks.sendTaskSuccess({ taskToken: forged, output: "{}" })).rejects.toMatchObject({
        code: "TaskTimedOut",
      });
      const before = await history(arn);
      await report(
        { type: "TaskSucceeded", token: ghost, output: 1 },
        { type: "TaskSucceeded", token: forged, output: 2 },
        { type: "TaskSucceeded", token: "garbage", output: 3 },
        { nonsense: true } as never,
      );
      expect(await history(arn)).toEqual(before);
      // The engine's consumer is still alive: the genuine report is applied.
      await report({ type: "TaskSucceeded", token, output: { ok: true } });
      expect(JSON.parse((await finished(arn)).output!)).toEqual({ ok: true });
    });

    it("a token is answered once: the second answer is rejected, the second report ignored", async () => {
      const { arn, token } = await parked("twice");
      await report(
        { type: "TaskStarted", token, workerName: "a" },
        { type: "TaskStarted", token, workerName: "b" }, // the same task redelivered to a second worker
        { type: "TaskSucceeded", token, output: "first" },
        { type: "TaskSucceeded", token, output: "second" },
        { type: "TaskFailed", token, error: "Late", cause: "third" },
      );
      const done = await finished(arn);
      expect(JSON.parse(done.output!)).toBe("first");
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: token, output: '"fourth"' }),
      ).rejects.toMatchObject({
        code: "TaskTimedOut",
      });
      await expect(engine.tasks.sendTaskFailure({ taskToken: token, error: "X" })).rejects.toMatchObject({
        code: "TaskTimedOut",
      });
      const types = (await history(arn)).map((e) => e.type);
      expect(types.filter((t) => t === "LambdaFunctionStarted")).toHaveLength(1);
      expect(types.filter((t) => t === "LambdaFunctionSucceeded" || t === "LambdaFunctionFailed")).toEqual([
        "LambdaFunctionSucceeded",
      ]);
    });

    it("a stopped execution's late result is ignored and recorded nowhere", async () => {
      const { arn, token } = await parked("stopped");
      await engine.executions.stop({ executionArn: arn, error: "Halt", cause: "by test" });
      const stopped = await engine.executions.describe(arn);
      const before = await history(arn);
      const row = async () =>
        (
          await b.sql.query<{ version: number; snapshot: unknown }>(
            "SELECT version, snapshot FROM executions WHERE arn = $1",
            [arn],
          )
        ).rows[0];
      const rowBefore = await row();
      await report({ type: "TaskSucceeded", token, output: "late" }, { type: "TaskHeartbeat", token });
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: token, output: '"late"' }),
      ).rejects.toMatchObject({
        code: "TaskTimedOut",
      });
      expect(await engine.executions.describe(arn)).toEqual(stopped);
      expect(await history(arn)).toEqual(before);
      expect(await row()).toEqual(rowBefore);
      expect(stopped).toMatchObject({ status: "ABORTED", error: "Halt" });
      // The stop's own outbox rows are deleted in batches a moment after they are sent.
      await vi.waitFor(
        async () => {
          const { rows } = await b.sql.query(
            "SELECT 1 FROM outbox WHERE execution_arn = $1 UNION ALL SELECT 1 FROM timers WHERE execution_arn = $1",
            [arn],
          );
          expect(rows).toEqual([]);
        },
        { timeout: 5_000, interval: 50 },
      );
    });
  });
}
