import { resolve } from "node:path";
import {
  connectObjectStore,
  connectSql,
  createBullmqTaskQueue,
  createMemoryTaskQueue,
  defaultPgliteDir,
  describeObjectStore,
  type ObjectStore,
  type ObjectStoreEnv,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { safeUrl } from "./safe-url.ts";

/** The environment variables the CLI's backends are chosen by. */
export interface BackendEnv extends ObjectStoreEnv {
  DATABASE_URL?: string | undefined;
  REDIS_URL?: string | undefined;
  STEPFLOW_DATA_DIR?: string | undefined;
}

/** An opened database and queue, with what they are in words (no secrets) for the start-up log. */
export interface Backends {
  sql: SqlClient;
  queue: TaskQueue;
  /** Where Distributed Maps' ItemReader/ResultWriter and `s3:*` Tasks read and write objects. */
  objects: ObjectStore;
  database: string;
  queueName: string;
  objectStore: string;
  close(): Promise<void>;
}

const set = (value: string | undefined): value is string => value !== undefined && value !== "";

/** The database the environment names, described without secrets. */
export function describeDatabase(env: BackendEnv): string {
  if (set(env.DATABASE_URL)) return `PostgreSQL at ${safeUrl(env.DATABASE_URL)}`;
  return `embedded PGlite in ${resolve(set(env.STEPFLOW_DATA_DIR) ? env.STEPFLOW_DATA_DIR : defaultPgliteDir)}`;
}

/** The task queue the environment names: BullMQ on Redis (`REDIS_URL`) or a new in-process queue. */
export function openQueue(env: BackendEnv): TaskQueue {
  return set(env.REDIS_URL)
    ? createBullmqTaskQueue({ connection: env.REDIS_URL, prefix: "stepflow" })
    : createMemoryTaskQueue();
}

/** The task queue the environment names, in words (no secrets). */
export function describeQueue(env: BackendEnv): string {
  return set(env.REDIS_URL) ? `BullMQ on Redis at ${safeUrl(env.REDIS_URL)}` : "in-process queue";
}

/**
 * Opens the database (`DATABASE_URL`: PostgreSQL; otherwise embedded PGlite in `STEPFLOW_DATA_DIR`) and
 * the task queue (`REDIS_URL`: BullMQ on Redis under the `stepflow` prefix; otherwise the in-process queue),
 * and the object store (`STEPFLOW_S3_*`: S3 or an S3-compatible service; otherwise `STEPFLOW_OBJECTS_DIR`).
 */
export async function openBackends(env: BackendEnv): Promise<Backends> {
  const sql = await connectSql(env);
  const queue = openQueue(env);
  const objects = connectObjectStore(env);
  return {
    sql,
    queue,
    objects,
    objectStore: describeObjectStore(env),
    database: describeDatabase(env),
    queueName: describeQueue(env),
    async close() {
      await objects.close();
      await queue.close();
      await sql.close();
    },
  };
}
