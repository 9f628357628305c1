// A worker process for the stalled-job test: takes one job from the queue, reports it on stdout and hangs
// until the test kills it with SIGKILL, so its job stays active with a lock nobody renews.
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";

const [url, prefix, queueName, lockDurationMs, stalledIntervalMs] = process.argv.slice(2);
if (url === undefined || prefix === undefined || queueName === undefined) {
  throw new Error(
    "usage: task-queue-stall-child.ts REDIS_URL PREFIX QUEUE LOCK_DURATION_MS STALLED_INTERVAL_MS",
  );
}
// The stalled-check interval matters here too: whichever worker checks blocks other checks for that long.
const queue = createBullmqTaskQueue({
  connection: url,
  prefix,
  lockDurationMs: Number(lockDurationMs),
  stalledIntervalMs: Number(stalledIntervalMs),
});
queue.consume(queueName, (job) => {
  process.stdout.write(`active ${JSON.stringify(job)}\n`);
  return new Promise<void>(() => {});
});
