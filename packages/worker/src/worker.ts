import { hostname } from "node:os";
import { isJsonObject, type Json } from "@stepflow/asl";
import {
  CANCEL_TOPIC,
  taskQueueName,
  type QueueConsumer,
  type QueueJob,
  type TaskQueue,
} from "@stepflow/engine/queue";
import { parseTaskJob } from "./parse-task-job.ts";
import { ReportBatcher } from "./report-batcher.ts";
import { TaskAbortKind } from "./task-aborted.ts";
import type { AnyTaskHandler, HandlerMap } from "./task-handler.ts";
import { TaskRun } from "./task-run.ts";
import { DEFAULT_STALL_LIMIT, poisonHandler } from "./poison-task.ts";

/** Options of a {@link Worker}. */
export interface WorkerOptions<H extends HandlerMap> {
  /** The queue the engine dispatches tasks on (`createBullmqTaskQueue`, `createMemoryTaskQueue`). */
  queue: TaskQueue;
  /** Handlers by name: a Task whose resource routes to `name` runs `handlers[name]`. */
  handlers: H;
  /** Tasks run at once per handler. Default 1. */
  concurrency?: number;
  /** This worker's name in TaskStarted reports. Default `<hostname>:<pid>`. */
  name?: string;
  /** Report TaskStarted before each handler runs (one more queue message per task). Default false. */
  reportStarted?: boolean;
  /**
   * How many times one task's worker may die (or lose its queue lock) while running it before the task
   * fails instead of running again: `Lambda.Unknown` for Lambda resources, `States.TaskFailed` otherwise,
   * and its job moves to the `QUARANTINE_QUEUE`. Counts the stalls of one job, so restarts that kill
   * many tasks once each never reach it. Default 5; 0 fails a task at its first stall.
   */
  stallLimit?: number;
  /** How long `close()` waits for running handlers before handing their tasks back. Default 30 s. */
  shutdownTimeoutMs?: number;
  /** Problems with no task to fail: malformed jobs, which are dropped. Default: `console.error`. */
  onError?: (error: Error) => void;
}

/** Options of {@link Worker.close}. */
export interface WorkerCloseOptions {
  /** Overrides the worker's `shutdownTimeoutMs`. */
  timeoutMs?: number;
}

/**
 * Runs Task handlers by name: consumes `taskQueueName(name)` for each handler, runs the handler with a
 * {@link TaskContext}, and reports the outcome to the engine on `RESULTS_STREAM` (batched per event-loop turn). Delivery is at least
 * once: a task is delivered again when its report could not be queued or its worker died, so handlers
 * must tolerate running twice for one task token (the engine keeps the first result).
 *
 * @example
 * const worker = new Worker({
 *   queue: createBullmqTaskQueue({ connection: process.env.REDIS_URL!, prefix: "stepflow" }),
 *   handlers: { hello: async (input: { name: string }) => ({ greeting: `Hello, ${input.name}` }) },
 *   concurrency: 8,
 * });
 * await worker.start();
 * process.once("SIGTERM", () => void worker.close());
 */
export class Worker<H extends HandlerMap = HandlerMap> {
  /** This worker's name in TaskStarted reports. */
  readonly name: string;
  readonly #options: WorkerOptions<H>;
  readonly #concurrency: number;
  readonly #runs = new Map<string, Set<TaskRun>>();
  readonly #reports: ReportBatcher;
  #consumers: QueueConsumer[] = [];
  #unsubscribe: (() => Promise<void>) | undefined;
  #state: "new" | "starting" | "running" | "closed" = "new";
  #closing: Promise<void> | undefined;
  readonly #stallLimit: number;

  constructor(options: WorkerOptions<H>) {
    const names = Object.keys(options.handlers);
    if (names.length === 0) throw new TypeError("a Worker needs at least one handler");
    for (const name of names) {
      if (typeof options.handlers[name] !== "function") {
        throw new TypeError(`handler "${name}" is not a function`);
      }
    }
    this.#stallLimit = options.stallLimit ?? DEFAULT_STALL_LIMIT;
    if (!Number.isInteger(this.#stallLimit) || this.#stallLimit < 0) {
      throw new RangeError(`stallLimit must be a non-negative integer, got ${this.#stallLimit}`);
    }
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
    }
    this.#options = options;
    this.#concurrency = concurrency;
    this.#reports = new ReportBatcher(options.queue);
    this.name = options.name ?? `${hostname()}:${process.pid}`;
  }

  /** Tasks whose handlers are running now. */
  get running(): number {
    let count = 0;
    for (const runs of this.#runs.values()) count += runs.size;
    return count;
  }

  /**
   * Subscribes to task cancellations, then starts consuming every handler's queue. Resolves once both are
   * in place; rejects if called twice or after `close()`.
   */
  async start(): Promise<void> {
    if (this.#state !== "new") throw new Error(`this worker cannot start: it is ${this.#state}`);
    this.#state = "starting";
    // Subscribed first, so no task can start before its cancellation could reach it.
    const unsubscribe = await this.#options.queue.subscribe(CANCEL_TOPIC, (message) => this.#cancel(message));
    if (this.#closing !== undefined) {
      await unsubscribe();
      return;
    }
    this.#unsubscribe = unsubscribe;
    for (const [name, handler] of Object.entries(this.#options.handlers)) {
      this.#consumers.push(
        this.#options.queue.consume(
          taskQueueName(name),
          (job) => this.#process(name, this.#handlerFor(handler, job), job),
          { concurrency: this.#concurrency },
        ),
      );
    }
    this.#state = "running";
  }

  /**
   * Shuts down gracefully: takes no more tasks and waits for running handlers, up to `timeoutMs`. At the
   * deadline the handlers still running have their AbortSignal fired (reason kind "shutdown") and their
   * jobs are handed back to the queue to be delivered again (to another worker, or this one's successor);
   * whatever they do afterwards is not reported. Does not close the queue, which the caller owns.
   */
  close(options: WorkerCloseOptions = {}): Promise<void> {
    this.#closing ??= this.#shutDown(options.timeoutMs ?? this.#options.shutdownTimeoutMs ?? 30_000);
    return this.#closing;
  }

  async #shutDown(timeoutMs: number): Promise<void> {
    this.#state = "closed";
    const stopped = Promise.all(this.#consumers.splice(0).map((consumer) => consumer.close()));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"deadline">((resolve) => {
      timer = setTimeout(() => resolve("deadline"), timeoutMs);
    });
    try {
      const first = await Promise.race([stopped, deadline]);
      if (first === "deadline") {
        for (const runs of this.#runs.values()) for (const run of runs) run.abandon();
      }
      await stopped;
    } finally {
      clearTimeout(timer);
      const unsubscribe = this.#unsubscribe;
      this.#unsubscribe = undefined;
      await unsubscribe?.();
    }
  }

  async #process(name: string, handler: AnyTaskHandler, job: QueueJob): Promise<void> {
    const task = parseTaskJob(job.data);
    if (typeof task === "string") {
      this.#onError(new Error(`dropped job ${job.id} of queue ${job.queue} (handler "${name}"): ${task}`));
      return;
    }
    const run = new TaskRun(task, handler, {
      reports: this.#reports,
      startedBy: this.#options.reportStarted === true ? this.name : undefined,
    });
    let runs = this.#runs.get(run.token);
    if (runs === undefined) this.#runs.set(run.token, (runs = new Set()));
    runs.add(run);
    try {
      await run.done;
    } finally {
      runs.delete(run);
      if (runs.size === 0 && this.#runs.get(run.token) === runs) this.#runs.delete(run.token);
    }
  }

  #cancel(message: Json): void {
    const token = isJsonObject(message) ? message.token : undefined;
    if (typeof token !== "string") return;
    for (const run of this.#runs.get(token) ?? []) run.abort(TaskAbortKind.Cancelled);
  }

  /** A job that stalled more than `stallLimit` times is a poison task: it fails instead of running. */
  #handlerFor(handler: AnyTaskHandler, job: QueueJob): AnyTaskHandler {
    if (job.stalls <= this.#stallLimit) return handler;
    return poisonHandler(this.#options.queue, job, this.#stallLimit, this.name);
  }

  #onError(error: Error): void {
    if (this.#options.onError !== undefined) this.#options.onError(error);
    else console.error(`[stepflow worker ${this.name}]`, error);
  }
}

/**
 * Creates a {@link Worker} and starts it.
 *
 * @example
 * const worker = await createWorker({ queue, handlers: { hello: async () => ({ ok: true }) } });
 */
export async function createWorker<H extends HandlerMap>(options: WorkerOptions<H>): Promise<Worker<H>> {
  const worker = new Worker(options);
  await worker.start();
  return worker;
}
