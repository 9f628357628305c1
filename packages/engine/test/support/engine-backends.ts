import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createMemoryTaskQueue } from "../../src/adapters/memory-task-queue.ts";
import { createPgSqlClient } from "../../src/adapters/pg-sql-client.ts";
import { createPgliteSqlClient } from "../../src/adapters/pglite-sql-client.ts";
import type { SqlClient } from "../../src/ports/sql-client.ts";
import type { TaskQueue } from "../../src/ports/task-queue.ts";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";

/** A SQL client and a queue, plus how to tear them down. */
export interface Backend {
  name: string;
  sql: SqlClient;
  queue: TaskQueue;
  /** Empties the queue's storage behind the engine's back (Redis FLUSHALL of our keys); absent for memory. */
  loseQueue?(): Promise<void>;
  close(): Promise<void>;
}

/** The two deployments the engine supports: embedded (PGlite + memory queue) and PostgreSQL + BullMQ/Redis. */
export const backends: { name: string; available: boolean; open(): Promise<Backend> }[] = [
  {
    name: "pglite+memory",
    available: true,
    async open() {
      const sql = await createPgliteSqlClient({});
      const queue = createMemoryTaskQueue();
      return {
        name: "pglite+memory",
        sql,
        queue,
        close: async () => (await queue.close(), await sql.close()),
      };
    },
  },
  {
    name: "postgres+bullmq",
    available: serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined,
    async open() {
      const database = await freshDatabase({ label: "engine" });
      const redis = await redisPrefix({ label: "engine" });
      const sql = createPgSqlClient({ url: database.url, max: 10 });
      const queue = createBullmqTaskQueue({
        connection: serviceUrl("REDIS_URL")!,
        prefix: redis.prefix.replace(/:$/, ""),
      });
      return {
        name: "postgres+bullmq",
        sql,
        queue,
        loseQueue: () => redis.deleteKeys().then(() => undefined),
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
