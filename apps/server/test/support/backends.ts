import {
  createBullmqTaskQueue,
  createMemoryTaskQueue,
  createPgSqlClient,
  createPgliteSqlClient,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";

/** A SQL client and a task queue, plus how to tear them down. */
export interface Backend {
  name: string;
  sql: SqlClient;
  queue: TaskQueue;
  close(): Promise<void>;
}

/** The two deployments: embedded (PGlite + memory queue) and PostgreSQL + BullMQ when configured. */
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
      const database = await freshDatabase({ label: "server" });
      const redis = await redisPrefix({ label: "server" });
      const sql = createPgSqlClient({ url: database.url, max: 10 });
      const queue = createBullmqTaskQueue({
        connection: serviceUrl("REDIS_URL")!,
        prefix: redis.prefix.replace(/:$/, ""),
      });
      return {
        name: "postgres+bullmq",
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
