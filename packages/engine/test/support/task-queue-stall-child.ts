// A worker process for the stalled-job test: takes one job from the queue, reports it on stdout and hangs
// until the test kills it with SIGKILL, so its job stays active with a lock nobody renews.
import { createBullmqPostgresTaskQueue } from "../../src/adapters/bullmq-postgres-task-queue.ts";
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPostgresTaskQueue } from "../../src/adapters/postgres-task-queue.ts";

const [kind, url, namespace, queueName, lockDurationMs, stalledIntervalMs] = process.argv.slice(2);
if (url === undefined || namespace === undefined || queueName === undefined) {
  throw new Error(
    "usage: task-queue-stall-child.ts bullmq|bullmq-postgres|postgres URL PREFIX_OR_SCHEMA QUEUE LOCK_MS STALLED_INTERVAL_MS",
  );
}
// The stalled-check interval matters here too: whichever worker checks blocks other checks for that long.
const timing = { lockDurationMs: Number(lockDurationMs), stalledIntervalMs: Number(stalledIntervalMs) };
const queue =
  kind === "postgres"
    ? createPostgresTaskQueue({
        url,
        schema: namespace,
        lockDurationMs: timing.lockDurationMs,
        pollIntervalMs: timing.stalledIntervalMs,
      })
    : kind === "bullmq-postgres"
      ? createBullmqPostgresTaskQueue({ url, schema: namespace, ...timing })
      : createBullmqTaskQueue({ connection: url, prefix: namespace, ...timing });
queue.consume(queueName, (job) => {
  process.stdout.write(`active ${JSON.stringify(job)}\n`);
  return new Promise<void>(() => {});
});
