/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- REST answers are JSON the assertions read as they come */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBullmqTaskQueue, createPgSqlClient, type TaskQueue } from "@stepflow/engine";
import { QUARANTINE_QUEUE, type QuarantinedTask } from "@stepflow/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DrillProcess, freshDatabase, redisPrefix, serviceUrl, until } from "../../../test/support/index.ts";
import { quarantineCommand } from "../src/cli/quarantine-command.ts";
import type { Output } from "../src/cli/validate-command.ts";
import { seg, startRestServer, type RestServer } from "./support/rest-server.ts";

const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;
const stallLimit = 2;
// The engine's poison-task worker: handler `crash` kills its own process while its per-execution delivery
// count is at most `input.crashes`.
const poisonWorker = new URL(
  "../../../packages/engine/test/reliability/poison-worker-process.ts",
  import.meta.url,
);

const definition = {
  StartAt: "Crash",
  States: {
    Crash: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:crash", End: true },
  },
};

function capture(): Output & { text: () => string } {
  const lines: string[] = [];
  return { out: (text) => lines.push(text), err: (text) => lines.push(text), text: () => lines.join("") };
}

describe.skipIf(!available)(
  "the quarantine through /v1, /metrics and the CLI (PostgreSQL, BullMQ on Redis, a worker process that kills itself)",
  () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    let s: RestServer;
    let queue: TaskQueue;
    let supervising = true;

    beforeAll(async () => {
      const database = await freshDatabase({ label: "quarantine" });
      cleanups.push(() => database.drop());
      const redis = await redisPrefix({ label: "quarantine" });
      cleanups.push(() => redis.cleanup());
      const prefix = redis.prefix.replace(/:$/, "");
      const sql = createPgSqlClient({ url: database.url, max: 5 });
      cleanups.push(() => sql.close());
      queue = createBullmqTaskQueue({ connection: redis.url, prefix });
      cleanups.push(() => queue.close());
      s = await startRestServer({
        name: "postgres+bullmq",
        sql,
        queue,
        otherQueue: () => queue,
        close: () => Promise.resolve(),
      });
      cleanups.push(() => s.close());
      const dir = mkdtempSync(join(tmpdir(), "stepflow-quarantine-"));
      cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
      const worker = new DrillProcess("worker", poisonWorker, {
        POISON_QUEUE: "bullmq",
        POISON_QUEUE_URL: redis.url,
        POISON_NAMESPACE: prefix,
        POISON_DIR: dir,
        POISON_STALL_LIMIT: String(stallLimit),
        POISON_LOCK_MS: "1000",
        POISON_STALLED_MS: "300",
      });
      cleanups.push(() => worker.kill());
      // Restarts the worker whenever it dies, as a process supervisor would.
      const supervisor = (async () => {
        while (supervising) {
          if (!worker.running) await worker.start();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      cleanups.push(async () => {
        supervising = false;
        await supervisor;
      });
    }, 120_000);

    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    // RedriveExecution answers once the execution is RUNNING again, so this also waits for a redrive.
    const settled = async (executionArn: string) =>
      until(
        async () => {
          const { body } = await s.call("GET", `/executions/${seg(executionArn)}`);
          return body.status === "RUNNING" ? undefined : body;
        },
        `${executionArn} to end`,
        90_000,
      );

    const quarantinedGauge = async () =>
      /^stepflow_quarantined_tasks (\d+)$/m.exec(await (await fetch(`${s.url}/metrics`)).text())?.[1];

    it("a poison task shows up in the list, the metric and the CLI; dropped, it is gone; the redriven execution runs the state again", async () => {
      const { stateMachineArn } = (await s.call("POST", "/state-machines", { name: "crash", definition }))
        .body;
      // Its worker dies on the first 3 deliveries: the 3rd stall passes the limit of 2 and quarantines it.
      const input = { crashes: stallLimit + 1, how: "kill" };
      const { executionArn } = (await s.call("POST", "/executions", { stateMachineArn, input })).body;
      const failed = await settled(executionArn);
      expect(failed).toMatchObject({ status: "FAILED", error: "Lambda.Unknown" });

      const listed = await s.call("GET", "/quarantine");
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBe(1);
      expect(listed.body.nextCursor).toBeUndefined();
      const [entry] = listed.body.items;
      expect(entry).toMatchObject({
        executionArn,
        stateName: "Crash",
        resource: definition.States.Crash.Resource,
        handler: "crash",
        attempt: 0,
        error: "Lambda.Unknown",
        cause: failed.cause,
        queue: "task-crash",
        stalls: stallLimit + 1,
        stallLimit,
      });
      expect(Date.parse(entry.quarantinedAt)).toBeLessThanOrEqual(Date.parse(failed.stopDate));
      expect(entry).not.toHaveProperty("input");
      expect(await quarantinedGauge()).toBe("1");

      const one = await s.call("GET", `/quarantine/${entry.id}`);
      expect(one.body).toEqual({ ...entry, input });
      const cli = capture();
      expect(await quarantineCommand({ positionals: ["list"] }, queue, cli)).toBe(0);
      expect(cli.text()).toContain(`Lambda.Unknown  ${executionArn}  Crash`);
      expect(cli.text()).toContain(`token ${entry.id}\n1 quarantined task\n`);

      // Dropped through the CLI here; DELETE /v1/quarantine/{token} does the same (below).
      const dropped = capture();
      expect(await quarantineCommand({ positionals: ["delete", entry.id] }, queue, dropped)).toBe(0);
      expect(dropped.text()).toContain(`/v1/executions/${seg(executionArn)}/redrive`);
      expect((await s.call("GET", "/quarantine")).body).toEqual({ items: [], total: 0 });
      expect(await quarantinedGauge()).toBe("0");
      const again = await s.call("DELETE", `/quarantine/${entry.id}`);
      expect(again.status).toBe(404);
      expect(again.type).toContain("application/problem+json");
      expect(again.body.code).toBe("QuarantinedTaskDoesNotExist");
      const missing = capture();
      expect(await quarantineCommand({ positionals: ["show", entry.id] }, queue, missing)).toBe(1);

      // The state runs again as a new task (a new token), whose 4th delivery of the handler succeeds.
      expect((await s.call("POST", `/executions/${seg(executionArn)}/redrive`)).status).toBe(200);
      const redriven = await settled(executionArn);
      expect(redriven).toMatchObject({ status: "SUCCEEDED", output: { deliveries: stallLimit + 2 } });
      expect(await quarantinedGauge()).toBe("0");
    }, 240_000);

    it("pages with limit and cursor, deletes through DELETE, and refuses a bad cursor", async () => {
      // Entries as a worker writes them (poisonHandler), added directly: their paging is what is tested.
      const held = (n: number): QuarantinedTask => ({
        queue: "task-crash",
        stalls: 6,
        stallLimit: 5,
        worker: "w",
        quarantinedAt: new Date(Date.UTC(2026, 0, n)).toISOString(),
        task: {
          token: `tok-${n}`,
          executionArn: `arn:aws:states:us-east-1:123456789012:execution:crash:e${n}`,
          stateName: "Crash",
          handler: "crash",
          resource: "arn:aws:states:us-east-1:123456789012:activity:crash",
          input: n,
          attempt: 0,
        },
      });
      for (const n of [1, 2, 3])
        await queue.add(QUARANTINE_QUEUE, { id: `tok-${n}`, data: held(n) as never });
      const first = await s.call("GET", "/quarantine?limit=2");
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual(["tok-1", "tok-2"]);
      expect(first.body.items[0].error).toBe("States.TaskFailed");
      expect(first.body.total).toBe(3);
      const second = await s.call("GET", `/quarantine?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body).toMatchObject({ total: 3, items: [{ id: "tok-3" }] });
      expect(second.body.nextCursor).toBeUndefined();
      const bad = await s.call("GET", "/quarantine?cursor=abc");
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe("ValidationException");
      for (const n of [1, 2, 3]) expect((await s.call("DELETE", `/quarantine/tok-${n}`)).status).toBe(204);
      expect((await s.call("GET", "/quarantine")).body).toEqual({ items: [], total: 0 });
    });
  },
);
