import { Queue, Worker } from "bullmq";
import type { TaskQueue } from "../ports/task-queue.ts";
import { createBullmqTaskQueueCore, type BullmqProcessorJob } from "../queue/bullmq-task-queue-core.ts";
import { openRedis, type RedisConnection } from "../queue/open-redis.ts";
import { createRedisPubSub } from "../queue/redis-pub-sub.ts";
import { createRedisTaskStream } from "../queue/redis-task-stream.ts";
import { withTaskStream } from "../queue/with-task-stream.ts";
import { defaultRetryPolicy, type RetryPolicy } from "../queue/retry-policy.ts";

/** Options of {@link createBullmqTaskQueue}. */
export interface BullmqTaskQueueOptions {
  /** The Redis server: a `redis://` URL or ioredis options. */
  connection: RedisConnection;
  /** Every Redis key and pub/sub channel is under `prefix:` (BullMQ's `prefix`). Must not contain `:`. */
  prefix: string;
  /** Redelivery of jobs whose handler threw. Defaults to {@link defaultRetryPolicy}. */
  retry?: RetryPolicy;
  /** How long a worker's lock on an active job lasts without renewal. Default 30 s. */
  lockDurationMs?: number;
  /**
   * How often workers put back active jobs whose lock expired (their worker died). Default 30 s. Give every
   * process on a queue the same value: each check holds off all other checks on that queue for this long.
   */
  stalledIntervalMs?: number;
  /**
   * Errors BullMQ reports in the background (connection loss, lock renewal, the stalled-job check).
   * Default: `process.emitWarning`, so they show on stderr without crashing the process.
   */
  onError?: (error: Error) => void;
}

/**
 * A {@link TaskQueue} on BullMQ and Redis: one BullMQ Queue per queue name, one Worker per `consume`, job
 * ids made safe for BullMQ reversibly, failed handlers retried with capped exponential backoff, and the jobs
 * of a worker that died delivered again once their lock expires. `publish`/`subscribe` use Redis pub/sub
 * on a dedicated subscriber connection. `close()` closes every connection it opened.
 *
 * @example
 * const queue = createBullmqTaskQueue({ connection: "redis://127.0.0.1:6379", prefix: "stepflow" });
 * const consumer = queue.consume("lambda-hello", async (job) => console.log(job.data), { concurrency: 8 });
 * await queue.add("lambda-hello", { id: "task:exec-1:3", data: { name: "world" }, delayMs: 1000 });
 */
export function createBullmqTaskQueue(options: BullmqTaskQueueOptions): TaskQueue {
  const { connection, prefix } = options;
  if (prefix === "" || prefix.includes(":")) {
    throw new Error(
      `prefix must be non-empty and contain no ":" (BullMQ adds its own), got ${JSON.stringify(prefix)}`,
    );
  }
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  // Producers share one connection; BullMQ does not close a connection it was handed, so close() does.
  const shared = openRedis(connection, { maxRetriesPerRequest: null });
  shared.on("error", onError);
  const workerConnections = new Set<ReturnType<typeof openRedis>>();

  const quit = async (client: ReturnType<typeof openRedis>): Promise<void> => {
    await client.quit().catch(() => client.disconnect());
  };

  const retry = options.retry ?? defaultRetryPolicy;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
  // Workers' reports: a Redis Stream, read in batches (see createRedisTaskStream), on a connection of its own:
  // ioredis copies every script defined on a connection into each pipeline made on it, and BullMQ defines
  // ~100 on `shared`, so each append and acknowledgement there allocated ~10 KB and set ~200 properties.
  const streamClient = openRedis(connection, { maxRetriesPerRequest: null });
  streamClient.on("error", onError);
  const stream = createRedisTaskStream({
    client: streamClient,
    openBlocking: () => openRedis(connection, { maxRetriesPerRequest: null }),
    keyPrefix: `${prefix}:stepflow-stream:`,
    retry,
    lockDurationMs,
    reclaimIntervalMs: stalledIntervalMs,
    onError,
  });

  const jobs = createBullmqTaskQueueCore(
    {
      kind: "bullmq",
      wrapsData: false,
      openQueue: (name) => new Queue(name, { connection: shared, prefix }),
      openWorker: (name, processor, settings) => {
        // A worker of its own connection, so closing one consumer never disturbs another; BullMQ adds a
        // blocking duplicate of it, which it owns and closes.
        const client = openRedis(connection, { maxRetriesPerRequest: null });
        client.on("error", onError);
        workerConnections.add(client);
        const worker = new Worker(name, (job) => processor(job as BullmqProcessorJob), {
          ...settings,
          connection: client,
          prefix,
        });
        const close = worker.close.bind(worker);
        return {
          on: (event, listener) => worker.on(event, listener),
          close: async () => {
            await close();
            workerConnections.delete(client);
            await quit(client);
          },
        };
      },
      pubSub: createRedisPubSub({
        publisher: shared,
        openSubscriber: () => {
          const subscriber = openRedis(connection, { maxRetriesPerRequest: null });
          subscriber.on("error", onError);
          return subscriber;
        },
        channelPrefix: `${prefix}:pubsub:`,
      }),
      close: async () => {
        await Promise.all([...workerConnections].map(quit));
        await Promise.all([quit(shared), quit(streamClient)]);
      },
    },
    { retry, lockDurationMs, stalledIntervalMs, onError },
  );
  return withTaskStream(jobs, stream);
}
