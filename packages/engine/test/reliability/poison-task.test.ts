import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropQuarantined, listQuarantined, QUARANTINE_QUEUE } from "@stepflow/worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";
import { createBullmqPostgresTaskQueue } from "../../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPostgresTaskQueue } from "../../src/adapters/postgres-task-queue.ts";
import { createPgSqlClient } from "../../src/adapters/pg-sql-client.ts";
import { createEngine, type Engine } from "../../src/engine/create-engine.ts";
import type { TaskQueue } from "../../src/ports/task-queue.ts";
import { DrillProcess } from "../../../../test/support/drill-process.ts";
import { sleep } from "../support/drill.ts";
import type { CrashInput } from "./poison-worker-process.ts";

const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;
const stallLimit = 2;

const crashTask = {
  Type: "Task",
  Resource: "arn:aws:lambda:us-east-1:123456789012:function:crash",
  End: true,
};

// A poison task fails with Lambda.Unknown, which Catch and Retry written for AWS match.
const caught = {
  StartAt: "Crash",
  States: {
    Crash: {
      ...crashTask,
      End: undefined,
      Next: "Done",
      Catch: [{ ErrorEquals: ["Lambda.Unknown"], Next: "Caught" }],
    },
    Caught: { Type: "Pass", End: true },
    Done: { Type: "Pass", End: true },
  },
};
const retried = {
  StartAt: "Crash",
  States: {
    Crash: { ...crashTask, Retry: [{ ErrorEquals: ["Lambda.Unknown"], IntervalSeconds: 1, MaxAttempts: 1 }] },
  },
};

// The worker process's queue: BullMQ on Redis, or on PostgreSQL (a schema of the test database) BullMQ's
// backend or our own queue.
for (const kind of ["bullmq", "bullmq-postgres", "postgres"] as const) {
  describe.skipIf(!available)(
    `poison tasks on ${kind} (a worker process that dies running the handler, restarted)`,
    () => {
      const cleanups: (() => Promise<unknown>)[] = [];
      let engine: Engine;
      let queue: TaskQueue;
      let worker: DrillProcess;
      let dir: string;
      let supervising = true;
      let supervisor: Promise<void> = Promise.resolve();

      beforeAll(async () => {
        const database = await freshDatabase({ label: "poison_task" });
        cleanups.push(() => database.drop());
        const redis = await redisPrefix({ label: "poison_task" });
        cleanups.push(() => redis.cleanup());
        const prefix = redis.prefix.replace(/:$/, "");
        const sql = createPgSqlClient({ url: database.url, max: 5 });
        cleanups.push(() => sql.close());
        const queueEnv = {
          POISON_QUEUE: kind,
          POISON_QUEUE_URL: kind === "bullmq" ? redis.url : database.url,
          POISON_NAMESPACE: kind === "bullmq" ? prefix : "poison_queue",
        };
        queue =
          kind === "bullmq"
            ? createBullmqTaskQueue({ connection: redis.url, prefix })
            : kind === "postgres"
              ? createPostgresTaskQueue({ url: database.url, schema: queueEnv.POISON_NAMESPACE })
              : createBullmqPostgresTaskQueue({ url: database.url, schema: queueEnv.POISON_NAMESPACE });
        cleanups.push(() => queue.close());
        engine = await createEngine({ sql, queue, sweepMs: 500 });
        cleanups.push(() => engine.close());
        dir = mkdtempSync(join(tmpdir(), "stepflow-poison-"));
        cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
        worker = new DrillProcess("worker", new URL("./poison-worker-process.ts", import.meta.url), {
          ...queueEnv,
          POISON_DIR: dir,
          POISON_STALL_LIMIT: String(stallLimit),
          POISON_LOCK_MS: "1000",
          POISON_STALLED_MS: "300",
        });
        cleanups.push(() => worker.kill());
        // Restarts the worker whenever it dies, as a process supervisor (systemd, Kubernetes) would.
        supervisor = (async () => {
          while (supervising) {
            if (!worker.running) await worker.start();
            await sleep(50);
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

      const run = async (name: string, definition: object, input: CrashInput) => {
        const { stateMachineArn } = await engine.stateMachines.create({
          name,
          definition: JSON.stringify(definition),
          roleArn: "arn:aws:iam::123456789012:role/poison",
        });
        const { executionArn } = await engine.executions.start({
          stateMachineArn,
          input: JSON.stringify(input),
        });
        for (const deadline = Date.now() + 90_000; ; await sleep(200)) {
          const description = await engine.executions.describe(executionArn);
          if (description.status !== "RUNNING") return description;
          if (Date.now() > deadline) {
            throw new Error(`${name} still RUNNING after 90 s; worker stderr:\n${worker.stderr.join("\n")}`);
          }
        }
      };

      /** The attempts of every handler run of one execution, in order (the worker's delivery log). */
      const handlerRuns = (): string[][] =>
        readdirSync(dir).map((file) => readFileSync(join(dir, file), "utf8").trim().split("\n"));

      it("a task whose worker dies every time fails with Lambda.Unknown after stallLimit redeliveries, is quarantined, and Catch applies; one that dies stallLimit times still succeeds; Retry runs it again", async () => {
        const [poisoned, survivor, retry] = await Promise.all([
          run("poisoned", caught, { crashes: 99, how: "kill" }),
          run("survivor", caught, { crashes: stallLimit, how: "exit" }),
          run("retried", retried, { crashes: stallLimit + 1, how: "exit" }),
        ]);

        expect(poisoned.status).toBe("SUCCEEDED");
        const error = JSON.parse(poisoned.output!) as { Error: string; Cause: string };
        expect(error.Error).toBe("Lambda.Unknown");
        expect(error.Cause).toMatch(
          /^The cause could not be determined because Lambda did not return an error type\. Returned payload: \{"errorMessage":"RequestId: .* stopped before finishing it 3 times .*stall limit 2/,
        );

        // The limit tolerates stallLimit stalls of one job: the third delivery runs and its result counts.
        expect(survivor.status).toBe("SUCCEEDED");
        expect(JSON.parse(survivor.output!)).toEqual({ deliveries: stallLimit + 1 });

        // The quarantined attempt is retried as a new job, whose handler then succeeds.
        expect(retry.status).toBe("SUCCEEDED");
        expect(JSON.parse(retry.output!)).toEqual({ deliveries: stallLimit + 2 });
        const history = await engine.executions.history({ executionArn: retry.executionArn });
        const failed = history.events.filter((event) => event.type === "LambdaFunctionFailed");
        expect(failed.map((event) => event.lambdaFunctionFailedEventDetails?.error)).toEqual([
          "Lambda.Unknown",
        ]);

        // Every poison job ran its handler exactly stallLimit + 1 times, then was stopped without running.
        expect(
          handlerRuns()
            .map((runs) => runs.join(","))
            .sort(),
        ).toEqual(["0,0,0", "0,0,0", "0,0,0,1"]);
        expect(await queue.counts(QUARANTINE_QUEUE)).toEqual({ waiting: 2, delayed: 0, active: 0 });
        // An operator's view of them (GET /v1/quarantine, stepflow quarantine list), and dropping one.
        const quarantined = await listQuarantined(queue);
        expect(
          quarantined
            .map((entry) => `${entry.executionArn} ${entry.stateName} ${entry.error} ${entry.stalls}`)
            .sort(),
        ).toEqual(
          [poisoned.executionArn, retry.executionArn].map((arn) => `${arn} Crash Lambda.Unknown 3`).sort(),
        );
        expect(await dropQuarantined(queue, quarantined[0]!.id)).toMatchObject({ id: quarantined[0]!.id });
        expect((await listQuarantined(queue)).map((entry) => entry.id)).toEqual([quarantined[1]!.id]);
        expect(await queue.counts("task-crash")).toEqual({ waiting: 0, delayed: 0, active: 0 });
      }, 240_000);
    },
  );
}
