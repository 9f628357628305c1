import pg from "pg";
import type { Json } from "@stepflow/asl";
import type { NewJob, QueueConsumer, TaskQueue } from "../ports/task-queue.ts";
import { listPage } from "../queue/list-page.ts";
import { consumePostgresJobs } from "../queue/postgres-job-consumer.ts";
import { jobSessionSetup, jobSql } from "../queue/postgres-job-sql.ts";
import { createPostgresPubSub, postgresNotifyPayload } from "../queue/postgres-pub-sub.ts";
import { createPostgresTaskStream } from "../queue/postgres-task-stream.ts";
import { sessionPool } from "../queue/session-pool.ts";
import { defaultRetryPolicy, type RetryPolicy } from "../queue/retry-policy.ts";

/** Options of {@link createPostgresTaskQueue}. */
export interface PostgresTaskQueueOptions {
  /** `postgres://user:password@host:5432/database` */
  url: string;
  /** The PostgreSQL schema holding the queue's tables, created at start-up. Default `stepflow_queue`. */
  schema?: string;
  /** Connections of the pool every producer and consumer of this queue shares. Default 10. */
  poolSize?: number;
  /** Redelivery of jobs whose handler threw. Defaults to {@link defaultRetryPolicy}. */
  retry?: RetryPolicy;
  /** How long a consumer's lease on a job lasts without renewal; a dead consumer's jobs wait this long. Default 30 s. */
  lockDurationMs?: number;
  /** How often idle consumers look for jobs when no NOTIFY woke them (a lost LISTEN connection). Default 1 s. */
  pollIntervalMs?: number;
  /** Errors in the background (connection loss, a failed lease or renewal). Default: `process.emitWarning`. */
  onError?: (error: Error) => void;
}

/**
 * A {@link TaskQueue} on PostgreSQL alone, built for throughput: jobs are rows of one table in `schema`
 * (see `postgres-job-sql.ts`), added many per INSERT (deduplicated by id with ON CONFLICT DO NOTHING, the
 * wake-up NOTIFY in the same statement), leased many per UPDATE … FOR UPDATE SKIP LOCKED, and completed
 * many per DELETE. Workers' reports use the same schema's stream table ({@link createPostgresTaskStream}),
 * `publish`/`subscribe` one LISTEN connection. The tables are created at start-up under an advisory lock.
 *
 * @example
 * const queue = createPostgresTaskQueue({ url: "postgres://postgres@127.0.0.1:5432/stepflow" });
 * const consumer = queue.consume("lambda-hello", async (job) => console.log(job.data), { concurrency: 8 });
 * await queue.add("lambda-hello", { id: "task:exec-1:3", data: { name: "world" } });
 */
export function createPostgresTaskQueue(options: PostgresTaskQueueOptions): TaskQueue {
  const schema = options.schema ?? "stepflow_queue";
  const onError = options.onError ?? ((error: Error) => process.emitWarning(error));
  const retry = options.retry ?? defaultRetryPolicy;
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const sql = jobSql(schema);
  const connections = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    keepAlive: true,
  });
  // An idle connection that dies is dropped by the pool; the error is only worth a log line.
  connections.on("error", onError);
  const pool = sessionPool(connections, jobSessionSetup);

  const ready = (async () => {
    const client = await pool.connect();
    try {
      // Serialized across processes: concurrent CREATE … IF NOT EXISTS can still collide on the catalog.
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`stepflow_queue:${schema}`]);
      for (const statement of sql.create) await client.query(statement);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  })();
  ready.catch(onError);

  const channel = `${schema}_stepflow`.slice(0, 63);
  const pubSub = createPostgresPubSub({ url: options.url, publisher: pool, channel, onError });
  const stream = createPostgresTaskStream({
    pool,
    schema,
    ready,
    pubSub,
    channel,
    retry,
    lockDurationMs,
    reclaimIntervalMs: pollIntervalMs,
    onError,
  });
  const topic = (queue: string) => `stepflow-jobs:${queue}`;
  const consumers = new Set<QueueConsumer>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error("the task queue is closed; create a new one");
  };

  const addJobs = async (queue: string, jobs: readonly NewJob[]): Promise<void> => {
    assertOpen();
    if (jobs.length === 0) return;
    const rows = jobs.map((job) => {
      if (job.id === "") throw new TypeError("a job id must not be empty");
      return [job.id, job.data, Math.max(job.delayMs ?? 0, 0)];
    });
    await ready;
    await pool.query(sql.add, [
      queue,
      JSON.stringify(rows),
      channel,
      postgresNotifyPayload(topic(queue), null),
    ]);
  };

  return {
    kind: "postgres",
    append: (name, entries) => stream.append(name, entries),
    consumeStream: (name, handler, consumeOptions) => stream.consumeStream(name, handler, consumeOptions),
    streamLength: (name) => stream.streamLength(name),

    add: (queue, job) => addJobs(queue, [job]),
    addBulk: addJobs,

    async remove(queue, id) {
      await ready;
      await pool.query(sql.remove, [queue, id]);
    },

    async list(queue, options) {
      const { offset, limit } = listPage(options);
      await ready;
      const { rows } = await pool.query<{ id: string; data: Json }>(sql.list, [queue, offset, limit]);
      return rows.map((row) => ({ id: row.id, data: row.data }));
    },

    consume(queue, handler, consumeOptions = {}) {
      assertOpen();
      const concurrency = consumeOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
      }
      const consumer = consumePostgresJobs(queue, handler, {
        pool,
        sql,
        ready,
        pubSub,
        topic: topic(queue),
        concurrency,
        retry,
        lockDurationMs,
        pollIntervalMs,
        onError,
      });
      const tracked: QueueConsumer = {
        close: () => consumer.close().finally(() => consumers.delete(tracked)),
      };
      consumers.add(tracked);
      return tracked;
    },

    publish: (topicName, message) => pubSub.publish(topicName, message),
    subscribe: (topicName, listener) => pubSub.subscribe(topicName, listener),

    async counts(queue) {
      await ready;
      const { rows } = await pool.query<{ waiting: number; delayed: number; active: number }>(sql.counts, [
        queue,
      ]);
      const { waiting, delayed, active } = rows[0]!;
      return { waiting, delayed, active };
    },

    async close() {
      if (closed) return;
      closed = true;
      await stream.close();
      await Promise.all([...consumers].map((consumer) => consumer.close()));
      await pubSub.close();
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}
