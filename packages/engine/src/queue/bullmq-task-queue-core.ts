import type { Json } from "@stepflow/asl";
import type { JobsOptions, JobType } from "bullmq";
import type { NewJob, QueueConsumer, QueueJob } from "../ports/task-queue.ts";
import { listPage } from "./list-page.ts";
import { decodeBullmqId, encodeBullmqId, encodeBullmqQueueName } from "./bullmq-id.ts";
import type { PubSub } from "./pub-sub.ts";
import type { JobQueue } from "./with-task-stream.ts";
import { retryDelayMs, type RetryPolicy } from "./retry-policy.ts";

/** The part of a BullMQ `Queue` the adapters use, whatever its backend. */
export interface BullmqQueueHandle {
  add(name: string, data: Json, opts: JobsOptions): Promise<unknown>;
  addBulk(jobs: { name: string; data: Json; opts: JobsOptions }[]): Promise<unknown>;
  remove(jobId: string): Promise<number>;
  getJobCounts(...types: JobType[]): Promise<Record<string, number>>;
  /** Waiting jobs from `start` to `end` (inclusive), oldest first. */
  getWaiting(start: number, end: number): Promise<{ id?: string | undefined; data: unknown }[]>;
  on(event: "error", listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** The part of a BullMQ `Worker` the adapters use. */
export interface BullmqWorkerHandle {
  on(event: "error", listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** The job as a BullMQ processor receives it. */
export interface BullmqProcessorJob {
  id?: string | undefined;
  data: unknown;
  attemptsStarted: number;
  /** Times the job was put back after its lock expired (BullMQ's `stc` / `stalled_count`). */
  stalledCounter?: number;
}

/** Worker settings shared by both backends; the backend adds its connection. */
export interface BullmqWorkerSettings {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
  autorun: true;
  settings: { backoffStrategy: (attemptsMade: number) => number };
}

/** What a BullMQ backend (Redis or PostgreSQL) supplies to {@link createBullmqTaskQueueCore}. */
export interface BullmqBackendBinding {
  readonly kind: "bullmq" | "bullmq-postgres";
  /**
   * Store job data as `{ json: "<data as JSON text>" }`, for a backend that cannot hold every JSON value at
   * the top or keep object keys in order.
   */
  readonly wrapsData: boolean;
  /** A new BullMQ Queue for the (already encoded) name; called once per name. */
  openQueue(name: string): BullmqQueueHandle;
  /** A new BullMQ Worker for the (already encoded) name; called once per `consume`. */
  openWorker(
    name: string,
    processor: (job: BullmqProcessorJob) => Promise<void>,
    settings: BullmqWorkerSettings,
  ): BullmqWorkerHandle;
  /** Closes what the binding opened besides queues and workers (shared connections). */
  close(): Promise<void>;
  readonly pubSub: PubSub;
}

/** Tuning shared by both BullMQ adapters. */
export interface BullmqQueueTuning {
  /** Redelivery of jobs whose handler threw. */
  readonly retry: RetryPolicy;
  /** How long a worker's lock on an active job lasts without renewal; a dead worker's jobs wait this long. */
  readonly lockDurationMs: number;
  /** How often workers look for active jobs whose lock expired and put them back. */
  readonly stalledIntervalMs: number;
  /** Errors BullMQ reports in the background (connection loss, a failed lock renewal). */
  readonly onError: (error: Error) => void;
}

const jobName = "task";
const backoffType = "stepflow";

/**
 * A {@link TaskQueue} on BullMQ classes, whatever the backend: one Queue per queue name (created on first
 * use), one Worker per `consume`, ids encoded with {@link encodeBullmqId}. Finished jobs are removed at
 * once, so an id can be added again as soon as its job is done, as the port requires.
 */
export function createBullmqTaskQueueCore(
  binding: BullmqBackendBinding,
  tuning: BullmqQueueTuning,
): JobQueue {
  const queues = new Map<string, BullmqQueueHandle>();
  const consumers = new Set<QueueConsumer>();
  let closed = false;

  // Wrapped as JSON text, which the backend stores as it is: its jsonb column would sort object keys.
  // `value` is how earlier versions wrapped it (jobs added before an upgrade).
  const pack = binding.wrapsData
    ? (data: Json): Json => ({ json: JSON.stringify(data) })
    : (data: Json): Json => data;
  const unpack = binding.wrapsData
    ? (data: unknown): Json => {
        const wrapped = data as { json?: string; value?: Json };
        return wrapped.json === undefined ? (wrapped.value ?? null) : (JSON.parse(wrapped.json) as Json);
      }
    : (data: unknown): Json => data as Json;

  const jobOptions = (job: NewJob): JobsOptions => {
    if (job.id === "") throw new TypeError("a job id must not be empty");
    const options: JobsOptions = {
      jobId: encodeBullmqId(job.id),
      attempts: tuning.retry.attempts,
      backoff: { type: backoffType },
      // A kept job would make a later add of its id a no-op; the port dedups only pending jobs.
      removeOnComplete: true,
      removeOnFail: true,
    };
    if (job.delayMs !== undefined && job.delayMs > 0) options.delay = job.delayMs;
    return options;
  };

  const queueHandle = (name: string): BullmqQueueHandle => {
    if (closed) throw new Error("the task queue is closed; create a new one");
    let queue = queues.get(name);
    if (queue === undefined) {
      queue = binding.openQueue(encodeBullmqQueueName(name));
      queue.on("error", tuning.onError);
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    kind: binding.kind,

    async add(queue, job) {
      await queueHandle(queue).add(jobName, pack(job.data), jobOptions(job));
    },

    async addBulk(queue, jobs) {
      if (jobs.length === 0) return;
      await queueHandle(queue).addBulk(
        jobs.map((job) => ({ name: jobName, data: pack(job.data), opts: jobOptions(job) })),
      );
    },

    async remove(queue, id) {
      // BullMQ's remove refuses a locked (active) job, which is what the port asks for.
      await queueHandle(queue).remove(encodeBullmqId(id));
    },

    async list(queue, options) {
      const { offset, limit } = listPage(options);
      const jobs = await queueHandle(queue).getWaiting(offset, offset + limit - 1);
      return jobs.map((job) => ({ id: decodeBullmqId(job.id ?? ""), data: unpack(job.data) }));
    },

    consume(queue, handler, options = {}) {
      if (closed) throw new Error("the task queue is closed; create a new one");
      const concurrency = options.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
      }
      const processor = async (job: BullmqProcessorJob): Promise<void> => {
        const queueJob: QueueJob = {
          id: decodeBullmqId(job.id ?? ""),
          queue,
          data: unpack(job.data),
          // attemptsStarted counts deliveries, this one included, stalls too (attemptsMade counts failures).
          attemptsMade: Math.max(0, job.attemptsStarted - 1),
          stalls: job.stalledCounter ?? 0,
        };
        await handler(queueJob);
      };
      const worker = binding.openWorker(encodeBullmqQueueName(queue), processor, {
        concurrency,
        lockDuration: tuning.lockDurationMs,
        stalledInterval: tuning.stalledIntervalMs,
        // A job whose worker died is delivered again however often it happens: at least once, never lost.
        // Consumers that must stop a poison job decide from QueueJob.stalls (the worker's stallLimit).
        // (The PostgreSQL backend takes this as an `integer` argument, hence 2^31-1.)
        maxStalledCount: 2 ** 31 - 1,
        autorun: true,
        settings: { backoffStrategy: (attemptsMade) => retryDelayMs(tuning.retry, attemptsMade) },
      });
      worker.on("error", tuning.onError);
      let closing: Promise<void> | undefined;
      const consumer: QueueConsumer = {
        close() {
          closing ??= worker.close().finally(() => consumers.delete(consumer));
          return closing;
        },
      };
      consumers.add(consumer);
      return consumer;
    },

    publish(topic, message) {
      return binding.pubSub.publish(topic, message);
    },

    subscribe(topic, listener) {
      return binding.pubSub.subscribe(topic, listener);
    },

    async counts(queue) {
      const counts = await queueHandle(queue).getJobCounts("waiting", "prioritized", "delayed", "active");
      return {
        waiting: (counts["waiting"] ?? 0) + (counts["prioritized"] ?? 0),
        delayed: counts["delayed"] ?? 0,
        active: counts["active"] ?? 0,
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map((consumer) => consumer.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      queues.clear();
      await binding.pubSub.close();
      await binding.close();
    },
  };
}
