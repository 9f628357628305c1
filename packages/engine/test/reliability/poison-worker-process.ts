// A worker process for the poison-task test (its queue BullMQ on Redis, BullMQ's PostgreSQL backend or
// ours on PostgreSQL, as POISON_QUEUE says): handler `crash` counts its deliveries per execution in a file
// and, while the count is at most `input.crashes`, ends its own process in the middle of the task (exit(3)
// or SIGKILL), as a handler that runs out of memory or calls process.exit would. Prints "ready".
import { appendFileSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { createWorker } from "@stepflow/worker";
import { createBullmqPostgresTaskQueue } from "../../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPostgresTaskQueue } from "../../src/adapters/postgres-task-queue.ts";

/** What the test passes to the handler. */
export interface CrashInput {
  crashes: number;
  how: "exit" | "kill";
}

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`${name} is not set (the poison-task test sets it)`);
  return value;
};

const dir = env("POISON_DIR");
const tuning = {
  lockDurationMs: Number(env("POISON_LOCK_MS")),
  stalledIntervalMs: Number(env("POISON_STALLED_MS")),
  onError: (error: Error) => process.stderr.write(`worker queue: ${error.message}\n`),
};
const url = env("POISON_QUEUE_URL");
const namespace = env("POISON_NAMESPACE");
const kind = env("POISON_QUEUE");
const queue =
  kind === "postgres"
    ? createPostgresTaskQueue({
        url,
        schema: namespace,
        lockDurationMs: tuning.lockDurationMs,
        pollIntervalMs: tuning.stalledIntervalMs,
        onError: tuning.onError,
      })
    : kind === "bullmq-postgres"
      ? createBullmqPostgresTaskQueue({ url, schema: namespace, ...tuning })
      : createBullmqTaskQueue({ connection: url, prefix: namespace, ...tuning });
await createWorker({
  queue,
  stallLimit: Number(env("POISON_STALL_LIMIT")),
  handlers: {
    crash: (input: CrashInput, ctx) => {
      const file = join(dir, createHash("sha256").update(ctx.executionArn).digest("hex"));
      appendFileSync(file, `${ctx.attempt}\n`);
      const deliveries = readFileSync(file, "utf8").split("\n").length - 1;
      if (deliveries <= input.crashes) {
        if (input.how === "kill") process.kill(process.pid, "SIGKILL");
        process.exit(3);
      }
      return { deliveries };
    },
  },
});
process.stdout.write("ready\n");
