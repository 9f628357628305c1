import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBullmqTaskQueue } from "../src/adapters/bullmq-task-queue.ts";
import type { QueueJob } from "../src/ports/task-queue.ts";
import { redisPrefix, serviceUrl, type RedisPrefix } from "../../../test/support/index.ts";
import { eventually } from "./support/task-queue-contract.ts";

const childScript = fileURLToPath(new URL("./support/task-queue-stall-child.ts", import.meta.url));

// Without REDIS_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ task queue on Redis", () => {
  let redis: RedisPrefix;
  beforeAll(async () => {
    redis = await redisPrefix({ label: "bullmq_stall" });
  });
  afterAll(async () => {
    await redis.cleanup();
  });

  test("the job of a worker process killed with SIGKILL is delivered again once its lock expires", async () => {
    const prefix = redis.prefix.slice(0, -1);
    const lockDurationMs = 1_000;
    const stalledIntervalMs = 300;
    const queue = createBullmqTaskQueue({ connection: redis.url, prefix, lockDurationMs, stalledIntervalMs });
    try {
      await queue.add("stall", { id: "task:exec-1:1", data: { step: 1 } });
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          childScript,
          redis.url,
          prefix,
          "stall",
          `${lockDurationMs}`,
          `${stalledIntervalMs}`,
        ],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      let output = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      await eventually("the child to take the job", () => output.includes("active "), 15_000);
      expect(JSON.parse(output.slice("active ".length))).toEqual({
        id: "task:exec-1:1",
        queue: "stall",
        data: { step: 1 },
        attemptsMade: 0,
      });
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      expect(await queue.counts("stall")).toEqual({ waiting: 0, delayed: 0, active: 1 });

      const killedAt = Date.now();
      const deliveries: QueueJob[] = [];
      const consumer = queue.consume("stall", (job) => {
        deliveries.push(job);
        return Promise.resolve();
      });
      await eventually("the stalled job to come back", () => deliveries.length === 1, 10_000);
      const waitedMs = Date.now() - killedAt;
      await consumer.close();
      expect(deliveries).toEqual([
        { id: "task:exec-1:1", queue: "stall", data: { step: 1 }, attemptsMade: 1 },
      ]);
      // Not before the dead worker's lock ran out: a live worker's job is never taken from it.
      expect(waitedMs).toBeGreaterThanOrEqual(lockDurationMs - 200);
      expect(await queue.counts("stall")).toEqual({ waiting: 0, delayed: 0, active: 0 });
    } finally {
      await queue.close();
    }
  }, 30_000);
});
