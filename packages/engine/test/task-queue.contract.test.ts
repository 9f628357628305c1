import { afterAll, beforeAll, describe } from "vitest";
import { createBullmqPostgresTaskQueue } from "../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import { createMemoryTaskQueue } from "../src/adapters/memory-task-queue.ts";
import { createPostgresTaskQueue } from "../src/adapters/postgres-task-queue.ts";
import {
  freshDatabase,
  redisPrefix,
  serviceUrl,
  type FreshDatabase,
  type RedisPrefix,
} from "../../../test/support/index.ts";
import { taskQueueContract } from "./support/task-queue-contract.ts";
import { taskStreamContract } from "./support/task-stream-contract.ts";

taskQueueContract("memory", ({ retry }) => ({ queue: createMemoryTaskQueue({ retry }) }));
taskStreamContract("memory", ({ retry }) => ({ queue: createMemoryTaskQueue({ retry }) }));

// Without REDIS_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ on Redis", () => {
  let redis: RedisPrefix;
  beforeAll(async () => {
    redis = await redisPrefix({ label: "task_queue" });
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  taskQueueContract("bullmq", ({ retry, onError }) => {
    const open = () =>
      createBullmqTaskQueue({ connection: redis.url, prefix: redis.prefix.slice(0, -1), retry, onError });
    return { queue: open(), openPeer: open };
  });

  taskStreamContract("bullmq", ({ retry, lockDurationMs, onError }) => {
    const open = () =>
      createBullmqTaskQueue({
        connection: redis.url,
        prefix: redis.prefix.slice(0, -1),
        retry,
        lockDurationMs,
        stalledIntervalMs: 300,
        onError,
      });
    return { queue: open(), openPeer: open };
  });
});

// Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("BullMQ on PostgreSQL", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ label: "task_queue" });
  });
  afterAll(async () => {
    await database.drop();
  });

  // A schema per test: each test then also starts consumers on a schema being migrated at that moment.
  let schemas = 0;
  taskQueueContract("bullmq-postgres", ({ retry, onError }) => {
    const schema = `task_queue_${++schemas}`;
    const open = () => createBullmqPostgresTaskQueue({ url: database.url, schema, retry, onError });
    return { queue: open(), openPeer: open };
  });

  taskStreamContract("bullmq-postgres", ({ retry, lockDurationMs, onError }) => {
    const schema = `task_stream_${++schemas}`;
    const open = () =>
      createBullmqPostgresTaskQueue({
        url: database.url,
        schema,
        retry,
        lockDurationMs,
        stalledIntervalMs: 300,
        onError,
      });
    return { queue: open(), openPeer: open };
  });
});

// Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("our queue on PostgreSQL", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ label: "pg_task_queue" });
  });
  afterAll(async () => {
    await database.drop();
  });

  // A schema per test: each test then also starts consumers on a schema being created at that moment.
  let schemas = 0;
  taskQueueContract("postgres", ({ retry, onError }) => {
    const schema = `jobs_${++schemas}`;
    const open = () => createPostgresTaskQueue({ url: database.url, schema, retry, onError });
    return { queue: open(), openPeer: open };
  });

  taskStreamContract("postgres", ({ retry, lockDurationMs, onError }) => {
    const schema = `job_stream_${++schemas}`;
    const open = () =>
      createPostgresTaskQueue({
        url: database.url,
        schema,
        retry,
        lockDurationMs,
        pollIntervalMs: 300,
        onError,
      });
    return { queue: open(), openPeer: open };
  });
});
