import type { Json } from "@stepflow/asl";
import type { TaskStream } from "./task-stream.ts";

/** A job as a consumer sees it. */
export interface QueueJob {
  id: string;
  queue: string;
  data: Json;
  /** Deliveries before this one (0 on the first). */
  attemptsMade: number;
  /**
   * Deliveries of this job lost because their consumer died or lost its lock before finishing (0 until
   * one is). Consumers use it to stop a job that kills every process running it (a poison task). Always 0
   * on the in-process queue, whose consumers cannot die without it.
   */
  stalls: number;
}

/** A job to add. */
export interface NewJob {
  /** Deterministic id: adding a job whose id is already waiting, delayed or active adds nothing. */
  id: string;
  data: Json;
  /** Deliver no earlier than this many milliseconds from now. */
  delayMs?: number;
}

/** A waiting job as {@link TaskQueue.list} shows it. */
export interface ListedJob {
  id: string;
  data: Json;
}

/** Which page of waiting jobs {@link TaskQueue.list} returns. */
export interface ListJobsOptions {
  /** Jobs to skip from the oldest (default 0). */
  offset?: number;
  /** Most jobs to return (default 100). */
  limit?: number;
}

/** Options of a consumer. */
export interface ConsumeOptions {
  concurrency?: number;
}

/** A running consumer. */
export interface QueueConsumer {
  /** Stops taking jobs and waits for the ones in flight to finish. */
  close(): Promise<void>;
}

/**
 * Carries work between the engine and workers, at least once. Implementations: BullMQ on Redis, our own
 * queue on PostgreSQL, BullMQ's PostgreSQL backend, and an in-process queue for the embedded mode. Every one passes the same contract
 * suite. Vendor types never cross this port. Workers' reports travel on its {@link TaskStream} half.
 */
export interface TaskQueue extends TaskStream {
  readonly kind: "bullmq" | "postgres" | "bullmq-postgres" | "memory";
  add(queue: string, job: NewJob): Promise<void>;
  addBulk(queue: string, jobs: readonly NewJob[]): Promise<void>;
  /** Removes a waiting or delayed job; does nothing when it is missing or already running. */
  remove(queue: string, id: string): Promise<void>;
  /**
   * Delivers jobs of `queue` to `handler`. A handler that resolves completes the job; one that throws makes
   * the job be delivered again later (with backoff), so handlers must be idempotent.
   */
  consume(queue: string, handler: (job: QueueJob) => Promise<void>, options?: ConsumeOptions): QueueConsumer;
  /** Best-effort broadcast to every subscriber of a topic in any process (task cancellation). */
  publish(topic: string, message: Json): Promise<void>;
  subscribe(topic: string, listener: (message: Json) => void): Promise<() => Promise<void>>;
  /**
   * Waiting jobs of `queue` (not delayed, not active), oldest first, a page at a time: for operators to
   * inspect a queue no one consumes (the workers' quarantine). Not a way to consume: it takes nothing.
   */
  list(queue: string, options?: ListJobsOptions): Promise<ListedJob[]>;
  /** Jobs waiting, delayed and active (for metrics and tests). */
  counts(queue: string): Promise<{ waiting: number; delayed: number; active: number }>;
  /** Closes connections; consumers should be closed first. */
  close(): Promise<void>;
}
