import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActivities, type ActivityTask } from "../src/api/activities.ts";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import { backends, type Backend } from "./support/engine-backends.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

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
  describe.skipIf(!backend.available)(`activities on ${backend.name}`, () => {
    let b: Backend;
    let engine: Engine;
    let machineCount = 0;

    /** A machine whose one Task state runs on `activityArn`, with extra Task fields. */
    async function machineOn(activityArn: string, task: Record<string, unknown> = {}) {
      const definition = JSON.stringify({
        StartAt: "Work",
        States: { Work: { Type: "Task", Resource: activityArn, End: true, ...task } },
      });
      const name = `on-activity-${++machineCount}`;
      return (await engine.stateMachines.create({ name, definition, roleArn })).stateMachineArn;
    }

    async function finished(arn: string) {
      return until(async () => {
        const d = await engine.executions.describe(arn);
        return d.status === "RUNNING" ? undefined : d;
      }, `execution ${arn} to finish`);
    }

    async function rows(token: string) {
      const { rows } = await b.sql.query<{ taken_at: Date | null; worker_name: string | null }>(
        "SELECT taken_at, worker_name FROM activity_tasks WHERE token = $1",
        [token],
      );
      return rows;
    }

    async function historyTypes(executionArn: string) {
      const { events } = await engine.executions.history({ executionArn, maxResults: 1000 });
      return events.map((e) => e.type);
    }

    beforeAll(async () => {
      b = await backend.open();
      engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200 });
    }, 60_000);

    afterAll(async () => {
      await engine?.activities.close();
      await engine?.close();
      await b?.close();
    });

    it("creates (idempotently), describes, lists and deletes activities", async () => {
      const first = await engine.activities.create({ name: "approve", tags: [{ key: "team", value: "a" }] });
      expect(first.activityArn).toBe("arn:aws:states:us-east-1:123456789012:activity:approve");
      expect(await engine.activities.create({ name: "approve" })).toEqual(first);
      expect(await engine.activities.describe(first.activityArn)).toEqual({
        activityArn: first.activityArn,
        name: "approve",
        creationDate: first.creationDate,
      });
      for (const name of ["bravo", "charlie"]) await engine.activities.create({ name });
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await engine.activities.list({
          maxResults: 2,
          ...(nextToken === undefined ? {} : { nextToken }),
        });
        names.push(...page.activities.map((a) => a.name));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      expect(names).toEqual(["approve", "bravo", "charlie"]);

      await expect(engine.activities.create({ name: "has space" })).rejects.toMatchObject({
        code: "InvalidName",
      });
      await expect(
        engine.activities.describe("arn:aws:states:us-east-1:123456789012:activity:nope"),
      ).rejects.toMatchObject({
        code: "ActivityDoesNotExist",
      });
      await expect(engine.activities.describe("not-an-arn")).rejects.toMatchObject({ code: "InvalidArn" });
      await expect(
        engine.activities.getActivityTask({
          activityArn: "arn:aws:states:us-east-1:123456789012:activity:nope",
        }),
      ).rejects.toMatchObject({ code: "ActivityDoesNotExist" });

      const bravo = engine.arns.activity("bravo");
      await engine.activities.delete(bravo);
      await engine.activities.delete(bravo); // deleting a missing activity succeeds, as on AWS
      await expect(engine.activities.describe(bravo)).rejects.toMatchObject({ code: "ActivityDoesNotExist" });
      expect((await engine.activities.list()).activities.map((a) => a.name)).toEqual(["approve", "charlie"]);
    });

    it("hands a task to a waiting poller, records TaskStarted, and finishes on SendTaskSuccess", async () => {
      const { activityArn } = await engine.activities.create({ name: "greet" });
      const stateMachineArn = await machineOn(activityArn, { Parameters: { "who.$": "$.name" } });
      // The poll starts first: the task's announcement must wake it.
      const polling = engine.activities.getActivityTask({ activityArn, workerName: "worker-1" });
      await new Promise((r) => setTimeout(r, 100));
      const { executionArn } = await engine.executions.start({ stateMachineArn, input: '{"name":"Ada"}' });
      const task = await polling;
      expect(task.taskToken).toEqual(expect.any(String));
      expect(JSON.parse(task.input!)).toEqual({ who: "Ada" });
      const [row] = await rows(task.taskToken!);
      expect(row?.taken_at).toBeInstanceOf(Date);
      expect(row?.worker_name).toBe("worker-1");
      await until(
        async () => ((await historyTypes(executionArn)).includes("ActivityStarted") ? true : undefined),
        "ActivityStarted",
      );

      await engine.tasks.sendTaskSuccess({ taskToken: task.taskToken!, output: '{"greeting":"hi Ada"}' });
      const done = await finished(executionArn);
      expect(done.status).toBe("SUCCEEDED");
      expect(JSON.parse(done.output!)).toEqual({ greeting: "hi Ada" });
      const types = await historyTypes(executionArn);
      expect(types.indexOf("ActivityScheduled")).toBeLessThan(types.indexOf("ActivityStarted"));
      expect(types.indexOf("ActivityStarted")).toBeLessThan(types.indexOf("ActivitySucceeded"));
      expect(types.filter((t) => t === "ActivityStarted")).toHaveLength(1);
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: task.taskToken!, output: "{}" }),
      ).rejects.toMatchObject({ code: "TaskTimedOut" });
    }, 30_000);

    it("gives concurrent pollers different tasks, each exactly once", async () => {
      const { activityArn } = await engine.activities.create({ name: "crowd" });
      const stateMachineArn = await machineOn(activityArn);
      const started = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          engine.executions.start({ stateMachineArn, input: JSON.stringify({ i }) }),
        ),
      );
      const taken: ActivityTask[] = [];
      const poller = async (n: number) => {
        for (;;) {
          const task = await engine.activities.getActivityTask(
            { activityArn, workerName: `p${n}` },
            { waitMs: 300 },
          );
          if (!task.taskToken) return;
          taken.push(task);
        }
      };
      await Promise.all([1, 2, 3, 4].map(poller));
      expect(taken).toHaveLength(8);
      expect(new Set(taken.map((t) => t.taskToken)).size).toBe(8);
      expect(taken.map((t) => (JSON.parse(t.input!) as { i: number }).i).sort((x, y) => x - y)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7,
      ]);
      for (const task of taken)
        await engine.tasks.sendTaskSuccess({ taskToken: task.taskToken!, output: task.input! });
      for (const { executionArn } of started) expect((await finished(executionArn)).status).toBe("SUCCEEDED");
    }, 30_000);

    it("answers an empty response when no task arrives within the long poll", async () => {
      const { activityArn } = await engine.activities.create({ name: "idle" });
      const before = Date.now();
      expect(await engine.activities.getActivityTask({ activityArn }, { waitMs: 400 })).toEqual({});
      const elapsed = Date.now() - before;
      expect(elapsed).toBeGreaterThanOrEqual(390);
      expect(elapsed).toBeLessThan(5_000);
      const aborted = new AbortController();
      const polling = engine.activities.getActivityTask({ activityArn }, { signal: aborted.signal });
      setTimeout(() => aborted.abort(), 100);
      expect(await polling).toEqual({});
    });

    it("wakes a poller in another engine process through pub/sub, not the slow re-check", async () => {
      const { activityArn } = await engine.activities.create({ name: "wake" });
      const stateMachineArn = await machineOn(activityArn);
      // A second process's activity API over the same database and queue, whose re-check would take 60 s.
      const other = createActivities(b.sql, engine.arns, b.queue, engine.signal, engine.snapshot, {
        recheckMs: 60_000,
      });
      try {
        const polling = other.api.getActivityTask({ activityArn }, { waitMs: 30_000 });
        await new Promise((r) => setTimeout(r, 200));
        const before = Date.now();
        const { executionArn } = await engine.executions.start({ stateMachineArn, input: "{}" });
        const task = await polling;
        expect(Date.now() - before).toBeLessThan(5_000);
        expect(task.taskToken).toEqual(expect.any(String));
        await engine.tasks.sendTaskSuccess({ taskToken: task.taskToken!, output: '"ok"' });
        expect((await finished(executionArn)).status).toBe("SUCCEEDED");
      } finally {
        await other.api.close();
      }
    }, 30_000);

    it("never hands a re-sent task to a second worker, and forgets taken tasks once settled", async () => {
      const { activityArn } = await engine.activities.create({ name: "resend" });
      const stateMachineArn = await machineOn(activityArn);
      const { executionArn } = await engine.executions.start({ stateMachineArn, input: '{"n":1}' });
      const task = await engine.activities.getActivityTask({ activityArn }, { waitMs: 5_000 });
      const token = task.taskToken!;
      // The outbox relay (or the queue rebuilt after Redis was lost) sends the same ScheduleTask again.
      const other = createActivities(b.sql, engine.arns, b.queue, engine.signal, engine.snapshot, {
        purgeAfterSeconds: 0,
      });
      try {
        await other.tasks.schedule({ executionArn, token, stateName: "Work", activityArn, input: { n: 1 } });
        expect(await other.api.getActivityTask({ activityArn }, { waitMs: 300 })).toEqual({});
        expect(await rows(token)).toHaveLength(1); // still pending: kept so that a re-send stays a no-op
        await engine.tasks.sendTaskSuccess({ taskToken: token, output: "{}" });
        expect((await finished(executionArn)).status).toBe("SUCCEEDED");
        // A fresh API purges on its first poll; the execution no longer waits for the task.
        const third = createActivities(b.sql, engine.arns, b.queue, engine.signal, engine.snapshot, {
          purgeAfterSeconds: 0,
        });
        await third.api.getActivityTask({ activityArn }, { waitMs: 0 });
        await third.api.close();
        expect(await rows(token)).toEqual([]);
        // A re-send after that inserts a row nobody waits for: a poller drops it instead of taking it.
        await other.tasks.schedule({ executionArn, token, stateName: "Work", activityArn, input: { n: 1 } });
        expect(await rows(token)).toHaveLength(1);
        expect(await other.api.getActivityTask({ activityArn }, { waitMs: 0 })).toEqual({});
        expect(await rows(token)).toEqual([]);
      } finally {
        await other.api.close();
      }
    }, 30_000);

    it("fails the task with States.HeartbeatTimeout when the worker stops heartbeating", async () => {
      const { activityArn } = await engine.activities.create({ name: "beat" });
      const stateMachineArn = await machineOn(activityArn, { HeartbeatSeconds: 1, TimeoutSeconds: 60 });

      const alive = await engine.executions.start({ stateMachineArn, input: "{}" });
      const kept = await engine.activities.getActivityTask({ activityArn }, { waitMs: 5_000 });
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 400));
        await engine.tasks.sendTaskHeartbeat({ taskToken: kept.taskToken! });
      }
      await engine.tasks.sendTaskSuccess({ taskToken: kept.taskToken!, output: '"still here"' });
      expect(await finished(alive.executionArn)).toMatchObject({
        status: "SUCCEEDED",
        output: '"still here"',
      });

      const silent = await engine.executions.start({ stateMachineArn, input: "{}" });
      const lost = await engine.activities.getActivityTask({ activityArn }, { waitMs: 5_000 });
      const done = await finished(silent.executionArn);
      expect(done).toMatchObject({ status: "FAILED", error: "States.HeartbeatTimeout" });
      expect(await historyTypes(silent.executionArn)).toContain("ActivityTimedOut");
      expect(await rows(lost.taskToken!)).toEqual([]);
      await expect(
        engine.tasks.sendTaskSuccess({ taskToken: lost.taskToken!, output: "{}" }),
      ).rejects.toMatchObject({ code: "TaskTimedOut" });
    }, 30_000);

    it("removes the pending task when the execution is stopped", async () => {
      const { activityArn } = await engine.activities.create({ name: "stoppable" });
      const stateMachineArn = await machineOn(activityArn);
      const { executionArn } = await engine.executions.start({ stateMachineArn, input: "{}" });
      const pending = await until(async () => {
        const { rows } = await b.sql.query<{ token: string }>(
          "SELECT token FROM activity_tasks WHERE execution_arn = $1",
          [executionArn],
        );
        return rows[0]?.token;
      }, "the activity task row");
      await engine.executions.stop({ executionArn, error: "Stopped" });
      expect((await engine.executions.describe(executionArn)).status).toBe("ABORTED");
      await until(async () => ((await rows(pending)).length === 0 ? true : undefined), "the row to go");
      expect(await engine.activities.getActivityTask({ activityArn }, { waitMs: 300 })).toEqual({});
    }, 30_000);

    it("fails an execution whose Task names an activity that does not exist, as AWS does", async () => {
      const missing = engine.arns.activity("never-created");
      const definition = JSON.stringify({
        StartAt: "Work",
        States: {
          Work: {
            Type: "Task",
            Resource: missing,
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
            End: true,
          },
          Caught: { Type: "Pass", End: true },
        },
      });
      const machine = await engine.stateMachines.create({ name: "missing-activity", definition, roleArn });
      const { executionArn } = await engine.executions.start({
        stateMachineArn: machine.stateMachineArn,
        input: "{}",
      });
      const done = await finished(executionArn);
      // States.Runtime is terminal: the Catch on States.ALL does not take it.
      expect(done).toMatchObject({ status: "FAILED", error: "States.Runtime" });
      expect(done.cause).toContain(`The activity ${missing} does not exist.`);
    }, 30_000);
  });
}
