import {
  createBullmqTaskQueue,
  createMemoryTaskQueue,
  createPgliteSqlClient,
  createPgSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";

/** A database and a queue for one test file, and how to tear them down. */
export interface Backend {
  sql: SqlClient;
  queue: TaskQueue;
  close(): Promise<void>;
}

/**
 * Embedded (PGlite + the in-process queue), and PostgreSQL + BullMQ on Redis when DATABASE_URL and REDIS_URL
 * are set (CI sets them): a database and a key prefix of this file's own.
 */
export const backends: { name: string; available: boolean; open(): Promise<Backend> }[] = [
  {
    name: "pglite+memory",
    available: true,
    async open() {
      const sql = await createPgliteSqlClient({});
      const queue = createMemoryTaskQueue();
      return {
        sql,
        queue,
        async close() {
          await queue.close();
          await sql.close();
        },
      };
    },
  },
  {
    name: "postgres+bullmq",
    available: serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined,
    async open() {
      const database = await freshDatabase({ label: "example" });
      const redis = await redisPrefix({ label: "example" });
      const sql = createPgSqlClient({ url: database.url, max: 10 });
      const queue = createBullmqTaskQueue({
        connection: serviceUrl("REDIS_URL")!,
        prefix: redis.prefix.replace(/:$/, ""),
      });
      return {
        sql,
        queue,
        async close() {
          await queue.close();
          await sql.close();
          await database.drop();
          await redis.cleanup();
        },
      };
    },
  },
];

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
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
