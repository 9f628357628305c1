import {
  PostgresConnection,
  PostgresQueueBackend,
  Queue,
  Worker,
  createPostgresBackend,
  type BackendFactory,
  type PostgresConnectionOptions,
} from "bullmq";
import type { TaskQueue } from "../ports/task-queue.ts";
import { createBullmqTaskQueueCore, type BullmqProcessorJob } from "../queue/bullmq-task-queue-core.ts";
import { createPostgresPubSub } from "../queue/postgres-pub-sub.ts";
import { createPostgresTaskStream } from "../queue/postgres-task-stream.ts";
import { withTaskStream } from "../queue/with-task-stream.ts";
import { defaultRetryPolicy, type RetryPolicy } from "../queue/retry-policy.ts";

/** Most connections of one consumer's pool. */
const MAX_WORKER_CONNECTIONS = 12;

/** Options of {@link createBullmqPostgresTaskQueue}. */
export interface BullmqPostgresTaskQueueOptions {
  /** `postgres://user:password@host:5432/database` */
  url: string;
  /** The PostgreSQL schema holding BullMQ's tables, created and migrated at start-up. Default `bullmq`. */
  schema?: string;
  /** Pool size of the producer side (adds, removes, counts, NOTIFY). Default 10. */
  poolSize?: number;
  /** Redelivery of jobs whose handler threw. Defaults to {@link defaultRetryPolicy}. */
  retry?: RetryPolicy;
  /** How long a worker's lock on an active job lasts without renewal. Default 30 s. */
  lockDurationMs?: number;
  /** How often workers put back active jobs whose lock expired (their worker died). Default 30 s. */
  stalledIntervalMs?: number;
  /**
   * Errors BullMQ reports in the background (connection loss, lock renewal, the stalled-job check).
   * Default: `process.emitWarning`, so they show on stderr without crashing the process.
   */
  onError?: (error: Error) => void;
}

/**
 * A {@link TaskQueue} on BullMQ 6.7's own PostgreSQL backend (`createPostgresBackend`), for deployments with
 * no Redis: the same semantics as {@link createBullmqTaskQueue}, jobs in `schema`'s tables, workers woken
 * by LISTEN/NOTIFY, and `publish`/`subscribe` on NOTIFY too. Every queue shares one connection pool; each
 * consumer has its own pool and LISTEN connection (size PostgreSQL's `max_connections` for that). BullMQ's
 * migrations run at start-up under its advisory lock.
 *
 * @example
 * const queue = createBullmqPostgresTaskQueue({ url: "postgres://postgres@127.0.0.1:5432/stepflow" });
 * const consumer = queue.consume("lambda-hello", async (job) => console.log(job.data), { concurrency: 8 });
 * await queue.add("lambda-hello", { id: "task:exec-1:3", data: { name: "world" } });
 */
export function createBullmqPostgresTaskQueue(options: BullmqPostgresTaskQueueOptions): TaskQueue {
  const schema = options.schema ?? "bullmq";
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const shared = new PostgresConnection({
    connectionString: options.url,
    schema,
    max: options.poolSize ?? 10,
    migrate: true,
  });
  shared.on("error", onError);
  // Workers must not start polling before the schema exists; queue operations wait for it on their own.
  const ready = shared.waitUntilReady();
  ready.catch(onError);
  // Every Queue on the one shared connection (BullMQ's own factory would open a pool per queue name).
  const sharedBackend: BackendFactory<PostgresQueueBackend, PostgresConnectionOptions> = (name, opts) =>
    new PostgresQueueBackend(shared, name, opts, false);

  const retry = options.retry ?? defaultRetryPolicy;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const stalledIntervalMs = options.stalledIntervalMs ?? 30_000;
  const channel = `${schema}_stepflow`.slice(0, 63);
  const pubSub = createPostgresPubSub({ url: options.url, publisher: shared.pool, channel, onError });
  // Workers' reports: rows of a table in BullMQ's schema (see createPostgresTaskStream).
  const stream = createPostgresTaskStream({
    pool: shared.pool,
    schema,
    ready,
    pubSub,
    channel,
    retry,
    lockDurationMs,
    reclaimIntervalMs: Math.min(stalledIntervalMs, 1000),
    onError,
  });

  const jobs = createBullmqTaskQueueCore(
    {
      kind: "bullmq-postgres",
      // The job table's data column turns a top-level JSON null into {} and sorts keys (BullMQ 6.7, jsonb).
      wrapsData: true,
      openQueue: (name) =>
        new Queue(name, { connection: { connectionString: options.url, schema } }, sharedBackend),
      openWorker: (name, processor, settings) => {
        // Created only once the schema is migrated: a Worker checks the schema as soon as it exists, and a
        // missing one fails its connection for good.
        let closing = false;
        const errorListeners: ((error: Error) => void)[] = [];
        const started = ready.then(() => {
          if (closing) return undefined;
          const worker = new Worker(
            name,
            (job) => processor(job as BullmqProcessorJob),
            {
              ...settings,
              // Each handler in flight takes a connection to complete its job, plus lock renewal and the
              // stalled check; capped, so a worker of concurrency 64 does not hold 66 of PostgreSQL's 100
              // default connections (completions then wait for a free one).
              connection: {
                connectionString: options.url,
                schema,
                max: Math.min(settings.concurrency + 2, MAX_WORKER_CONNECTIONS),
              },
            },
            createPostgresBackend,
          );
          for (const listener of errorListeners) worker.on("error", listener);
          return worker;
        });
        started.catch(onError);
        return {
          on: (_event, listener) => errorListeners.push(listener),
          close: async () => {
            closing = true;
            const worker = await started.catch(() => undefined);
            await worker?.close();
          },
        };
      },
      pubSub,
      close: async () => {
        await ready.catch(() => {});
        await shared.close();
      },
    },
    { retry, lockDurationMs, stalledIntervalMs, onError },
  );
  return withTaskStream(jobs, stream);
}
