import console from "node:console";
import process from "node:process";
import { connectSharedQueue, type QueueEnv, type TaskQueue } from "@stepflow/engine/queue";
import type { HandlerMap } from "./task-handler.ts";
import { createWorker, type Worker } from "./worker.ts";

/** What {@link runWorkerProcess} needs: the handlers, and optionally where the queue is and how to stop. */
export interface WorkerProcessOptions<H extends HandlerMap> {
  handlers: H;
  /** Per handler (default 8). */
  concurrency?: number;
  /** Where the shared queue is: `REDIS_URL`, else `DATABASE_URL` (default `process.env`). */
  env?: QueueEnv;
  /** Stop on SIGINT and SIGTERM (default true). */
  stopOnSignals?: boolean;
  /** Where the start, stop and configuration messages go (default `console`). */
  log?: Pick<Console, "log" | "error">;
}

/** A running worker process: its worker and queue, and `stop()` (close the worker, then the queue). */
export interface WorkerProcess<H extends HandlerMap> {
  worker: Worker<H>;
  queue: TaskQueue;
  stop(): Promise<void>;
}

/**
 * The body of a worker process's main module: connects the queue `stepflow start` shares (BullMQ on
 * `REDIS_URL`, or without it the PostgreSQL queue on `DATABASE_URL`), runs `handlers` on it, and stops
 * gracefully on SIGINT/SIGTERM. Start as many such processes as the load needs. With neither variable
 * set it prints why and sets the exit code 2, resolving to undefined (a single-process deployment uses
 * the in-process queue of `stepflow start` instead).
 * @example
 * await runWorkerProcess({ handlers: { charge } });
 */
export async function runWorkerProcess<H extends HandlerMap>(
  options: WorkerProcessOptions<H>,
): Promise<WorkerProcess<H> | undefined> {
  const log = options.log ?? console;
  const shared = connectSharedQueue(options.env ?? process.env);
  if (shared === undefined) {
    log.error(
      "Neither REDIS_URL nor DATABASE_URL is set: a worker process takes its tasks from Redis " +
        "(e.g. redis://127.0.0.1:6379) or from PostgreSQL (e.g. postgres://postgres@127.0.0.1:5432/stepflow)",
    );
    process.exitCode = 2;
    return undefined;
  }
  const { queue } = shared;
  const worker = await createWorker({
    queue,
    handlers: options.handlers,
    concurrency: options.concurrency ?? 8,
  });
  log.log(
    `worker ${process.pid}: running ${Object.keys(options.handlers).join(", ")} (${shared.description})`,
  );
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await worker.close();
      await queue.close();
      log.log(`worker ${process.pid}: stopped`);
    })());
  const onSignal = () => void stop();
  if (options.stopOnSignals ?? true) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  return { worker, queue, stop };
}
