import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBullmqPostgresTaskQueue } from "../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import { createPostgresTaskQueue } from "../src/adapters/postgres-task-queue.ts";
import type { QueueJob, TaskQueue } from "../src/ports/task-queue.ts";
import {
  freshDatabase,
  redisPrefix,
  serviceUrl,
  type FreshDatabase,
  type RedisPrefix,
} from "../../../test/support/index.ts";
import { eventually } from "./support/task-queue-contract.ts";

const childScript = fileURLToPath(new URL("./support/task-queue-stall-child.ts", import.meta.url));
const lockDurationMs = 1_000;
const stalledIntervalMs = 300;

interface Backend {
  kind: "bullmq" | "bullmq-postgres" | "postgres";
  url: string;
  /** Redis key prefix or PostgreSQL schema. */
  namespace: string;
  open(): TaskQueue;
}

async function killedWorkersJobComesBack(backend: Backend): Promise<void> {
  const queue = backend.open();
  try {
    await queue.add("stall", { id: "task:exec-1:1", data: { step: 1 } });
    const child = spawn(
      process.execPath,
      ["--import", "tsx", childScript, backend.kind, backend.url, backend.namespace, "stall"].concat(
        `${lockDurationMs}`,
        `${stalledIntervalMs}`,
      ),
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    let output = "";
    let activeAt = Number.POSITIVE_INFINITY;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("active ")) activeAt = Math.min(activeAt, Date.now());
    });
    await eventually("the child to take the job", () => output.includes("active "), 15_000);
    expect(JSON.parse(output.slice("active ".length))).toEqual({
      id: "task:exec-1:1",
      queue: "stall",
      data: { step: 1 },
      attemptsMade: 0,
      stalls: 0,
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(await queue.counts("stall")).toEqual({ waiting: 0, delayed: 0, active: 1 });

    const deliveries: QueueJob[] = [];
    let deliveredAt = 0;
    const consumer = queue.consume("stall", (job) => {
      deliveries.push(job);
      deliveredAt = Date.now();
      return Promise.resolve();
    });
    await eventually("the stalled job to come back", () => deliveries.length === 1, 10_000);
    // The child's lock was last set (taken or renewed) after it reported the job active, so it expires no
    // sooner than lockDurationMs after that report (measured from the report: a loaded machine can spend
    // hundreds of milliseconds between the kill and the consumer's start).
    const waitedMs = deliveredAt - activeAt;
    await consumer.close();
    expect(deliveries).toEqual([
      { id: "task:exec-1:1", queue: "stall", data: { step: 1 }, attemptsMade: 1, stalls: 1 },
    ]);
    // Not before the dead worker's lock ran out: a live worker's job is never taken from it.
    expect(waitedMs).toBeGreaterThanOrEqual(lockDurationMs - 200);
    expect(await queue.counts("stall")).toEqual({ waiting: 0, delayed: 0, active: 0 });
  } finally {
    await queue.close();
  }
}

const title = "the job of a worker process killed with SIGKILL is delivered again once its lock expires";

// Without REDIS_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ task queue on Redis", () => {
  let redis: RedisPrefix;
  beforeAll(async () => {
    redis = await redisPrefix({ label: "bullmq_stall" });
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  test(
    title,
    async () => {
      const prefix = redis.prefix.slice(0, -1);
      await killedWorkersJobComesBack({
        kind: "bullmq",
        url: redis.url,
        namespace: prefix,
        open: () =>
          createBullmqTaskQueue({ connection: redis.url, prefix, lockDurationMs, stalledIntervalMs }),
      });
    },
    30_000,
  );
});

const onPostgres = [
  {
    name: "BullMQ task queue on PostgreSQL",
    kind: "bullmq-postgres",
    label: "bullmq_stall",
    open: (url: string, schema: string) =>
      createBullmqPostgresTaskQueue({ url, schema, lockDurationMs, stalledIntervalMs }),
  },
  {
    name: "our task queue on PostgreSQL",
    kind: "postgres",
    label: "pg_queue_stall",
    open: (url: string, schema: string) =>
      createPostgresTaskQueue({ url, schema, lockDurationMs, pollIntervalMs: stalledIntervalMs }),
  },
] as const;

for (const queue of onPostgres) {
  // Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
  describe.skipIf(serviceUrl("DATABASE_URL") === undefined)(queue.name, () => {
    let database: FreshDatabase;
    beforeAll(async () => {
      database = await freshDatabase({ label: queue.label });
    });
    afterAll(async () => {
      await database.drop();
    });

    test(
      title,
      async () => {
        const schema = "stall";
        await killedWorkersJobComesBack({
          kind: queue.kind,
          url: database.url,
          namespace: schema,
          open: () => queue.open(database.url, schema),
        });
      },
      30_000,
    );
  });
}
