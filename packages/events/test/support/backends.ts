import {
  createBullmqTaskQueue,
  createMemoryTaskQueue,
  createPgliteSqlClient,
  createPgSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";

/** A SQL client and a queue, plus how to tear them down. */
export interface Backend {
  name: string;
  sql: SqlClient;
  queue: TaskQueue;
  /** A second queue on the same storage (BullMQ), or a fresh, empty one (memory: a queue that lost its jobs). */
  otherQueue(): TaskQueue;
  close(): Promise<void>;
}

/** Embedded (PGlite + memory queue) and PostgreSQL + BullMQ on Redis, as the engine's suites run. */
export const backends: { name: string; available: boolean; open(): Promise<Backend> }[] = [
  {
    name: "pglite+memory",
    available: true,
    async open() {
      const sql = await createPgliteSqlClient({});
      const queues = [createMemoryTaskQueue()];
      return {
        name: "pglite+memory",
        sql,
        queue: queues[0]!,
        otherQueue() {
          const queue = createMemoryTaskQueue();
          queues.push(queue);
          return queue;
        },
        async close() {
          for (const queue of queues) await queue.close();
          await sql.close();
        },
      };
    },
  },
  {
    name: "postgres+bullmq",
    available: serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined,
    async open() {
      const database = await freshDatabase({ label: "events" });
      const redis = await redisPrefix({ label: "events" });
      const sql = createPgSqlClient({ url: database.url, max: 10 });
      const open = () =>
        createBullmqTaskQueue({
          connection: serviceUrl("REDIS_URL")!,
          prefix: redis.prefix.replace(/:$/, ""),
        });
      const queues = [open()];
      return {
        name: "postgres+bullmq",
        sql,
        queue: queues[0]!,
        otherQueue() {
          const queue = open();
          queues.push(queue);
          return queue;
        },
        async close() {
          for (const queue of queues) await queue.close();
          await sql.close();
          await database.drop();
          await redis.cleanup();
        },
      };
    },
  },
];

/** Polls `probe` until it returns a value. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
