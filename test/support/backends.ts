import {
  createBullmqTaskQueue,
  createMemoryTaskQueue,
  createPostgresTaskQueue,
  createPgliteSqlClient,
  createPgSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { freshDatabase } from "./fresh-database.ts";
import { redisPrefix } from "./redis-prefix.ts";
import { serviceUrl } from "./service-url.ts";

/** A SQL client and a task queue for one test file, and how to tear them down. */
export interface Backend {
  name: string;
  sql: SqlClient;
  queue: TaskQueue;
  /** A second queue on the same storage (BullMQ), or a fresh, empty one (memory: a queue that lost its jobs). */
  otherQueue(): TaskQueue;
  /**
   * Empties the queue's storage behind the engine's back (our Redis keys); absent for the memory queue.
   * `keepJobData` leaves the jobs' own hashes behind, as a partial loss can.
   */
  loseQueue?(options?: { keepJobData?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** A deployment to run a suite on, and whether this environment has its services. */
export interface BackendFactory {
  name: string;
  available: boolean;
  open(): Promise<Backend>;
}

/** The backend's queue, and more on the same backing store for tests that act as a second process. */
function queuesOf(open: () => TaskQueue): {
  queue: TaskQueue;
  otherQueue: () => TaskQueue;
  closeQueues: () => Promise<void>;
} {
  const queues = [open()];
  return {
    queue: queues[0]!,
    otherQueue: () => {
      const queue = open();
      queues.push(queue);
      return queue;
    },
    closeQueues: async () => {
      for (const queue of queues) await queue.close();
    },
  };
}

/**
 * The two deployments every durable suite runs on: embedded (PGlite + the in-process queue), and
 * PostgreSQL + BullMQ on Redis when DATABASE_URL and REDIS_URL are set (CI sets them), each with a database
 * and a key prefix of the file's own. A third, PostgreSQL alone (our PostgreSQL task queue in a schema of
 * the same database), runs when STEPFLOW_TEST_PG_QUEUE=1 too: opt-in until a deployment uses that queue.
 * `label` names them for debugging.
 */
export function testBackends(label: string): BackendFactory[] {
  return [
    {
      name: "pglite+memory",
      available: true,
      async open() {
        const sql = await createPgliteSqlClient({});
        const { closeQueues, ...queues } = queuesOf(createMemoryTaskQueue);
        return {
          name: "pglite+memory",
          sql,
          ...queues,
          async close() {
            await closeQueues();
            await sql.close();
          },
        };
      },
    },
    {
      name: "postgres+bullmq",
      available: serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined,
      async open() {
        const database = await freshDatabase({ label });
        const redis = await redisPrefix({ label });
        const sql = createPgSqlClient({ url: database.url, max: 10 });
        const open = () =>
          createBullmqTaskQueue({
            connection: serviceUrl("REDIS_URL")!,
            prefix: redis.prefix.replace(/:$/, ""),
          });
        const { closeQueues, ...queues } = queuesOf(open);
        return {
          name: "postgres+bullmq",
          sql,
          ...queues,
          async loseQueue(options = {}) {
            if (!options.keepJobData) return void (await redis.deleteKeys());
            let cursor = "0";
            do {
              const [next, keys] = await redis.redis.scan(cursor, "MATCH", `${redis.prefix}*`, "COUNT", 500);
              cursor = next;
              for (const key of keys) {
                const jobHash = !key.endsWith(":meta") && (await redis.redis.type(key)) === "hash";
                if (!jobHash) await redis.redis.unlink(key);
              }
            } while (cursor !== "0");
          },
          async close() {
            await closeQueues();
            await sql.close();
            await database.drop();
            await redis.cleanup();
          },
        };
      },
    },
    {
      name: "postgres+postgres-queue",
      available: serviceUrl("DATABASE_URL") !== undefined && process.env["STEPFLOW_TEST_PG_QUEUE"] === "1",
      async open() {
        const database = await freshDatabase({ label });
        const sql = createPgSqlClient({ url: database.url, max: 10 });
        const open = () => createPostgresTaskQueue({ url: database.url, schema: "queue" });
        const { closeQueues, ...queues } = queuesOf(open);
        return {
          name: "postgres+postgres-queue",
          sql,
          ...queues,
          // Every job row goes (a job's data cannot outlive its place in this queue, as a Redis hash can).
          async loseQueue() {
            await sql.query("DELETE FROM queue.stepflow_jobs");
          },
          async close() {
            await closeQueues();
            await sql.close();
            await database.drop();
          },
        };
      },
    },
  ];
}

/** Polls `probe` until it returns a value other than `undefined`. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
