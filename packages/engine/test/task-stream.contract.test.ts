import { afterAll, beforeAll, describe } from "vitest";
import { createBullmqPostgresTaskQueue } from "../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import { createMemoryTaskQueue } from "../src/adapters/memory-task-queue.ts";
import {
  freshDatabase,
  redisPrefix,
  serviceUrl,
  type FreshDatabase,
  type RedisPrefix,
} from "../../../test/support/index.ts";
import { taskStreamContract } from "./support/task-stream-contract.ts";

taskStreamContract("memory", ({ retry }) => ({ queue: createMemoryTaskQueue({ retry }) }));

describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ on Redis", () => {
  let redis: RedisPrefix;
  beforeAll(async () => {
    redis = await redisPrefix({ label: "task_stream" });
  });
  afterAll(async () => {
    await redis.cleanup();
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

describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("BullMQ on PostgreSQL", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ label: "task_stream" });
  });
  afterAll(async () => {
    await database.drop();
  });

  let schemas = 0;
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
