import { createBullmqTaskQueue } from "../adapters/bullmq-task-queue.ts";
import { createPostgresTaskQueue } from "../adapters/postgres-task-queue.ts";
import { redactUrl } from "../adapters/redact-url.ts";
import type { TaskQueue } from "../ports/task-queue.ts";

/** The environment variables {@link connectSharedQueue} reads. */
export interface QueueEnv {
  REDIS_URL?: string | undefined;
  DATABASE_URL?: string | undefined;
}

/** A task queue other processes can reach, and what it is in words (no secrets). */
export interface SharedQueue {
  queue: TaskQueue;
  description: string;
}

const set = (value: string | undefined): value is string => value !== undefined && value !== "";

/**
 * The task queue that servers and worker processes share, as the environment names it: `REDIS_URL` →
 * BullMQ on Redis under the `stepflow` prefix; otherwise `DATABASE_URL` → the PostgreSQL queue in schema
 * `stepflow_queue` (no Redis needed); neither → undefined (one process: use the in-process queue).
 * @example
 * const shared = connectSharedQueue(process.env);
 */
export function connectSharedQueue(env: QueueEnv): SharedQueue | undefined {
  if (set(env.REDIS_URL)) {
    return {
      queue: createBullmqTaskQueue({ connection: env.REDIS_URL, prefix: "stepflow" }),
      description: `BullMQ on Redis at ${redactUrl(env.REDIS_URL)}`,
    };
  }
  if (set(env.DATABASE_URL)) {
    return {
      queue: createPostgresTaskQueue({ url: env.DATABASE_URL, schema: "stepflow_queue" }),
      description: `PostgreSQL queue (schema stepflow_queue) at ${redactUrl(env.DATABASE_URL)}`,
    };
  }
  return undefined;
}
