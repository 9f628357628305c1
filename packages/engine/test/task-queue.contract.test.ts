import { describe } from "vitest";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import { createMemoryTaskQueue } from "../src/adapters/memory-task-queue.ts";
import { redisPrefix, serviceUrl, type RedisPrefix } from "../../../test/support/index.ts";
import { taskQueueContract } from "./support/task-queue-contract.ts";
import { afterAll, beforeAll } from "vitest";

taskQueueContract("memory", ({ retry }) => ({ queue: createMemoryTaskQueue({ retry }) }));

// Without REDIS_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ on Redis", () => {
  let redis: RedisPrefix;
  beforeAll(async () => {
    redis = await redisPrefix({ label: "task_queue" });
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  taskQueueContract("bullmq", ({ retry }) => {
    const open = () =>
      createBullmqTaskQueue({ connection: redis.url, prefix: redis.prefix.slice(0, -1), retry });
    return { queue: open(), openPeer: open };
  });
});
