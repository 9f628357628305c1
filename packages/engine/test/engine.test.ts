import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import type { RunnerOptions } from "../src/engine/execution-runner.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { standInWorkers } from "../../../test/support/stand-in-workers.ts";
import { until } from "../../../test/support/backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/**
 * Every scenario runs with small snapshots rewritten by each advance (what an ordinary execution gets), and
 * with every execution journaled and read back from its checkpoint + journal before each advance (what a
 * wide Map gets, and what another engine process or a restart sees).
 */
const storages: { name: string; options: RunnerOptions }[] = [
  { name: "snapshots", options: {} },
  { name: "journal replayed on every advance", options: { journalFromBytes: 0, cacheSnapshots: false } },
];

for (const backend of backends) {
  for (const storage of storages) {
    describe.skipIf(!backend.available)(`engine on ${backend.name}, ${storage.name}`, () => {
      let b: Backend;
      let engine: Engine;
      const workers = standInWorkers(() => b.queue);
      const serve = (...args: Parameters<typeof workers.serve>) => workers.serve(...args);

      async function finished(arn: string) {
        return until(async () => {
          const d = await engine.executions.describe(arn);
          return d.status === "RUNNING" ? undefined : d;
        }, `execution ${arn} to finish`);
      }

      /**
       * Two executions of a Wait (1 s) → Task(`handler`) machine: one still in its Wait, one whose task is
       * scheduled (and not served). Resolves to their ARNs once both are so.
       */
      async function napperAndWorker(name: string, handler: string): Promise<string[]> {
        const definition = JSON.stringify({
          StartAt: "Nap",
          States: {
            Nap: { Type: "Wait", Seconds: 1, Next: "Work" },
            Work: { Type: "Task", Resource: fn(handler), End: true },
          },
        });
        const { stateMachineArn } = await engine.stateMachines.create({ name, definition, roleArn });
        const napping = await engine.executions.start({ stateMachineArn, input: '{"n":1}' });
        const { executionArn } = await engine.executions.start({ stateMachineArn, input: '{"n":2}' });
        await until(async () => {
          const { events } = await engine.executions.history({
            executionArn,
            reverseOrder: true,
            maxResults: 1,
          });
          return events[0]?.type === "LambdaFunctionScheduled" ? true : undefined;
        }, "the task to be scheduled");
        return [napping.executionArn, executionArn];
      }

      beforeAll(async () => {
        b = await backend.open();
        engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200, storage: storage.options });
        serve("double", (input) => ({ value: ((input as { value: number }).value ?? 0) * 2 }));
        let flaky = 0;
        serve("flaky", () => {
          if (++flaky < 3) throw Object.assign(new Error("not yet"), { name: "Transient" });
          return "ok";
        });
      }, 60_000);

      afterAll(async () => {
        await workers.close();
        await engine?.close();
        await b?.close();
      });

      it("creates, describes and lists a state machine; rejects an invalid one with every problem", async () => {
        const definition = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "listed",
          definition,
          roleArn,
        });
        expect(stateMachineArn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:listed");
        expect((await engine.stateMachines.describe(stateMachineArn)).definition).toBe(definition);
        expect((await engine.stateMachines.list()).stateMachines.map((m) => m.name)).toContain("listed");
        await expect(
          engine.stateMachines.create({
            name: "bad",
            roleArn,
            definition: JSON.stringify({ StartAt: "X", States: { A: { Type: "Pass", Next: "B" } } }),
          }),
        ).rejects.toMatchObject({
          code: "InvalidDefinition",
          message: expect.stringMatching(/StartAt.*X[\s\S]*States\.A\.Next/) as unknown,
        });
      });

      it("runs Task → Wait → Task with retries to completion, with a full history", async () => {
        const definition = JSON.stringify({
          StartAt: "Double",
          States: {
            Double: { Type: "Task", Resource: fn("double"), Next: "Pause" },
            Pause: { Type: "Wait", Seconds: 1, Next: "Flaky" },
            Flaky: {
              Type: "Task",
              Resource: fn("flaky"),
              Retry: [{ ErrorEquals: ["Transient"], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 5 }],
              ResultPath: "$.flaky",
              End: true,
            },
          },
        });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "pipeline",
          definition,
          roleArn,
        });
        const { executionArn } = await engine.executions.start({
          stateMachineArn,
          name: "run-1",
          input: '{"value":21}',
        });
        const done = await finished(executionArn);
        expect(done.status).toBe("SUCCEEDED");
        expect(JSON.parse(done.output!)).toEqual({ value: 42, flaky: "ok" });
        const { events } = await engine.executions.history({ executionArn, maxResults: 1000 });
        expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
        expect(events.filter((e) => e.type === "LambdaFunctionFailed")).toHaveLength(2);
        expect(events.at(-1)!.type).toBe("ExecutionSucceeded");
      }, 30_000);

      it("is idempotent on execution name and input, and rejects a different input", async () => {
        const definition = JSON.stringify({
          StartAt: "W",
          States: { W: { Type: "Wait", Seconds: 3600, End: true } },
        });
        const { stateMachineArn } = await engine.stateMachines.create({ name: "idem", definition, roleArn });
        const first = await engine.executions.start({ stateMachineArn, name: "same", input: "{}" });
        const again = await engine.executions.start({ stateMachineArn, name: "same", input: "{}" });
        expect(again.executionArn).toBe(first.executionArn);
        await expect(
          engine.executions.start({ stateMachineArn, name: "same", input: '{"x":1}' }),
        ).rejects.toMatchObject({
          code: "ExecutionAlreadyExists",
        });
        await engine.executions.stop({
          executionArn: first.executionArn,
          error: "Stopped",
          cause: "by test",
        });
        const stopped = await engine.executions.describe(first.executionArn);
        expect(stopped).toMatchObject({ status: "ABORTED", error: "Stopped", cause: "by test" });
      });

      it("waits for a task token and accepts it once", async () => {
        const definition = JSON.stringify({
          StartAt: "Approve",
          States: {
            Approve: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
              Parameters: { FunctionName: "approver", Payload: { "token.$": "$$.Task.Token" } },
              End: true,
            },
          },
        });
        let token: string | undefined;
        serve("approver", (input) => {
          token = (input as { token: string }).token;
          return null;
        });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "approval",
          definition,
          roleArn,
        });
        const { executionArn } = await engine.executions.start({ stateMachineArn, input: "{}" });
        const taskToken = await until(() => Promise.resolve(token), "the task token");
        await engine.tasks.sendTaskSuccess({ taskToken, output: '{"approved":true}' });
        expect(JSON.parse((await finished(executionArn)).output!)).toEqual({ approved: true });
        await expect(engine.tasks.sendTaskSuccess({ taskToken, output: "{}" })).rejects.toMatchObject({
          code: "TaskTimedOut",
        });
        await expect(
          engine.tasks.sendTaskSuccess({ taskToken: "nonsense", output: "{}" }),
        ).rejects.toMatchObject({ code: "InvalidToken" });
      }, 30_000);

      it("redrives a failed execution from the failed state", async () => {
        let attempts = 0;
        serve("once-broken", () => {
          if (++attempts === 1) throw Object.assign(new Error("first time"), { name: "Broken" });
          return { fixed: true };
        });
        const definition = JSON.stringify({
          StartAt: "Prepare",
          States: {
            Prepare: { Type: "Pass", Result: { prepared: 1 }, Next: "Call" },
            Call: { Type: "Task", Resource: fn("once-broken"), End: true },
          },
        });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "redrivable",
          definition,
          roleArn,
        });
        const { executionArn } = await engine.executions.start({ stateMachineArn, input: "{}" });
        expect(await finished(executionArn)).toMatchObject({
          status: "FAILED",
          error: "Broken",
          redriveStatus: "REDRIVABLE",
        });
        await engine.executions.redrive({ executionArn });
        const done = await finished(executionArn);
        expect(done).toMatchObject({ status: "SUCCEEDED", redriveCount: 1, output: '{"fixed":true}' });
        const { events } = await engine.executions.history({ executionArn, maxResults: 1000 });
        expect(events.filter((e) => e.type === "PassStateEntered")).toHaveLength(1);
        expect(events.map((e) => e.type)).toContain("ExecutionRedriven");
        await expect(engine.executions.redrive({ executionArn })).rejects.toMatchObject({
          code: "ExecutionNotRedrivable",
        });
      }, 30_000);

      it.skipIf(!backend.name.includes("bullmq"))(
        "rebuilds tasks and timers from PostgreSQL after the queue lost everything",
        async () => {
          const arns = await napperAndWorker("survivor", "late");
          // The harder loss: the queues' lists are gone but the jobs' own hashes survived, so re-adding the same
          // job id alone would be taken for a duplicate.
          await b.loseQueue!({ keepJobData: true });
          serve("late", (input) => input);
          await engine.sweep();
          for (const arn of arns) {
            expect(await finished(arn)).toMatchObject({ status: "SUCCEEDED" });
          }
        },
        30_000,
      );

      it("runs child executions: async, .sync and .sync:2, and fails the parent when a .sync child fails", async () => {
        const child = JSON.stringify({
          StartAt: "Check",
          States: {
            Check: {
              Type: "Choice",
              Choices: [
                {
                  And: [
                    { Variable: "$.fail", IsPresent: true },
                    { Variable: "$.fail", BooleanEquals: true },
                  ],
                  Next: "Boom",
                },
              ],
              Default: "Double",
            },
            Double: { Type: "Task", Resource: fn("double"), End: true },
            Boom: { Type: "Fail", Error: "ChildBroke", Cause: "asked to" },
          },
        });
        const { stateMachineArn: childArn } = await engine.stateMachines.create({
          name: "child",
          definition: child,
          roleArn,
        });
        const parent = (resource: string, input: object) =>
          JSON.stringify({
            StartAt: "Start",
            States: {
              Start: {
                Type: "Task",
                Resource: resource,
                Parameters: { StateMachineArn: childArn, Input: input },
                End: true,
              },
            },
          });
        const run = async (name: string, resource: string, input: object) => {
          const { stateMachineArn } = await engine.stateMachines.create({
            name,
            definition: parent(resource, input),
            roleArn,
          });
          const { executionArn } = await engine.executions.start({ stateMachineArn, input: "{}" });
          return finished(executionArn);
        };
        const sync2 = await run("parent-sync2", "arn:aws:states:::states:startExecution.sync:2", {
          value: 4,
        });
        expect(JSON.parse(sync2.output!)).toMatchObject({
          Status: "SUCCEEDED",
          Output: { value: 8 },
          Input: { value: 4 },
        });
        const sync = await run("parent-sync", "arn:aws:states:::states:startExecution.sync", { value: 5 });
        expect(JSON.parse(sync.output!)).toMatchObject({ Status: "SUCCEEDED", Output: '{"value":10}' });
        const async = await run("parent-async", "arn:aws:states:::states:startExecution", { value: 1 });
        expect(JSON.parse(async.output!)).toMatchObject({
          ExecutionArn: expect.stringContaining(":execution:child:") as unknown,
        });
        const failed = await run("parent-fails", "arn:aws:states:::states:startExecution.sync", {
          fail: true,
        });
        expect(failed).toMatchObject({ status: "FAILED", error: "States.TaskFailed" });
        expect(JSON.parse(failed.cause!)).toMatchObject({
          Status: "FAILED",
          Error: "ChildBroke",
          Cause: "asked to",
        });
      }, 30_000);

      it("runs an EXPRESS workflow synchronously with StartSyncExecution, tasks on workers, nothing stored", async () => {
        const definition = JSON.stringify({
          StartAt: "Double",
          States: {
            Double: { Type: "Task", Resource: fn("double"), Next: "Done" },
            Done: { Type: "Pass", End: true },
          },
        });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "express",
          definition,
          roleArn,
          type: "EXPRESS",
        });
        const result = await engine.executions.startSync({ stateMachineArn, input: '{"value":21}' });
        expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"value":42}' });
        const { rows } = await b.sql.query("SELECT 1 FROM executions WHERE arn = $1", [result.executionArn]);
        expect(rows).toHaveLength(0);
        const standard = await engine.stateMachines.create({ name: "not-express", definition, roleArn });
        await expect(
          engine.executions.startSync({ stateMachineArn: standard.stateMachineArn }),
        ).rejects.toMatchObject({
          code: "StateMachineTypeNotSupported",
        });
      });

      it("fires a timer whose queue job was lost, from the timers table", async () => {
        const definition = JSON.stringify({
          StartAt: "W",
          States: { W: { Type: "Wait", Seconds: 1, End: true } },
        });
        const { stateMachineArn } = await engine.stateMachines.create({
          name: "lost-timer",
          definition,
          roleArn,
        });
        const { executionArn } = await engine.executions.start({ stateMachineArn, input: '{"a":1}' });
        // Simulate the delayed job being lost (Redis flushed): remove every queued timer job for it.
        const { rows } = await b.sql.query<{ timer: string; due_ms: number }>(
          "SELECT timer, (extract(epoch from due_at) * 1000)::float8 AS due_ms FROM timers WHERE execution_arn = $1",
          [executionArn],
        );
        for (const row of rows)
          await b.queue.remove("stepflow-timers", `${executionArn}#${row.timer}#${row.due_ms}`);
        const done = await finished(executionArn);
        expect(done.status).toBe("SUCCEEDED");
      }, 30_000);

      it("a restarted engine on an empty queue sends pending tasks and timers again", async () => {
        const arns = await napperAndWorker("restarted", "after-restart");
        // The process goes away; its successor gets a queue of its own (for the in-process queue: an empty one).
        await engine.close();
        const queue = b.otherQueue();
        engine = await createEngine({ sql: b.sql, queue, sweepMs: 200, storage: storage.options });
        const successor = standInWorkers(() => queue);
        successor.serve("after-restart", (input) => input);
        try {
          for (const arn of arns) expect(await finished(arn)).toMatchObject({ status: "SUCCEEDED" });
        } finally {
          await successor.close();
        }
      }, 30_000);
    });
  }
}
