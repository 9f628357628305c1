// Task queue throughput of each TaskQueue adapter (not a test): jobs/s for
//   closed loop: 64 jobs in flight, each handler adds the next job (add → deliver → complete), and
//   backlog drain: 10,000 jobs added first, then drained by one consumer of concurrency 64;
// median of 5 runs each. Redis and PostgreSQL are measured when REDIS_URL / DATABASE_URL are set.
//   npx tsx packages/engine/bench/queue-throughput.ts
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { createBullmqPostgresTaskQueue } from "../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import { createMemoryTaskQueue } from "../src/adapters/memory-task-queue.ts";
import type { TaskQueue } from "../src/ports/task-queue.ts";

const runs = 5;
const inFlight = 64;
const backlog = 10_000;

interface Backend {
  name: string;
  open(): TaskQueue;
  /** Jobs per closed-loop run: enough for about a second of work. */
  closedLoopJobs: number;
  cleanup(): Promise<void>;
}

const median = (values: number[]): number => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function closedLoop(queue: TaskQueue, total: number): Promise<number> {
  const name = `loop-${randomBytes(4).toString("hex")}`;
  let added = 0;
  let delivered = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const addNext = () => queue.add(name, { id: `job-${added++}`, data: { n: added } });
  const consumer = queue.consume(
    name,
    async () => {
      if (added < total) await addNext();
      if (++delivered === total) finished();
    },
    { concurrency: inFlight },
  );
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, addNext));
  await done;
  const seconds = (performance.now() - started) / 1000;
  await consumer.close();
  return total / seconds;
}

async function drain(queue: TaskQueue): Promise<number> {
  const name = `drain-${randomBytes(4).toString("hex")}`;
  for (let start = 0; start < backlog; start += 1_000) {
    await queue.addBulk(
      name,
      Array.from({ length: 1_000 }, (_, index) => ({
        id: `job-${start + index}`,
        data: { n: start + index },
      })),
    );
  }
  let delivered = 0;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const started = performance.now();
  const consumer = queue.consume(
    name,
    () => {
      if (++delivered === backlog) finished();
      return Promise.resolve();
    },
    { concurrency: inFlight },
  );
  await done;
  // Closing waits for the last completions to be recorded, so they are part of the drain.
  await consumer.close();
  return backlog / ((performance.now() - started) / 1000);
}

async function measure(backend: Backend): Promise<void> {
  const loop: number[] = [];
  const drained: number[] = [];
  const queue = backend.open();
  try {
    // One warm-up run of each, not counted: connections, script loading, JIT.
    await closedLoop(queue, Math.min(backend.closedLoopJobs, 500));
    for (let run = 0; run < runs; run++) {
      loop.push(await closedLoop(queue, backend.closedLoopJobs));
      drained.push(await drain(queue));
    }
  } finally {
    await queue.close();
    await backend.cleanup();
  }
  const format = (values: number[]) =>
    `${Math.round(median(values)).toLocaleString("en")} jobs/s (runs: ${values.map(Math.round).join(", ")})`;
  console.log(`${backend.name}`);
  console.log(`  closed loop, ${inFlight} in flight: ${format(loop)}`);
  console.log(`  backlog drain of ${backlog.toLocaleString("en")}: ${format(drained)}`);
}

const backends: Backend[] = [
  {
    name: "memory",
    open: () => createMemoryTaskQueue(),
    closedLoopJobs: 200_000,
    cleanup: () => Promise.resolve(),
  },
];

const redisUrl = process.env["REDIS_URL"];
if (redisUrl === undefined) console.log("REDIS_URL not set: BullMQ on Redis not measured");
else {
  const prefix = `sf_bench_${randomBytes(4).toString("hex")}`;
  backends.push({
    name: `BullMQ on Redis (${redisUrl})`,
    open: () => createBullmqTaskQueue({ connection: redisUrl, prefix }),
    closedLoopJobs: 5_000,
    cleanup: async () => {
      const redis = new Redis(redisUrl);
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== "0");
      await redis.quit();
    },
  });
}

const databaseUrl = process.env["DATABASE_URL"];
if (databaseUrl === undefined) console.log("DATABASE_URL not set: BullMQ on PostgreSQL not measured");
else {
  const schema = `sf_bench_${randomBytes(4).toString("hex")}`;
  backends.push({
    name: `BullMQ on PostgreSQL (schema ${schema})`,
    open: () => createBullmqPostgresTaskQueue({ url: databaseUrl, schema }),
    closedLoopJobs: 3_000,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`);
      await client.end();
    },
  });
}

for (const backend of backends) await measure(backend);
