// What the task benchmarks share: an engine with a no-op @stepflow/worker in this process, one-Task
// executions awaited through onCompletion, and raw BullMQ (Queue + Worker, the same Redis) as the baseline.
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { Queue, Worker as BullWorker } from "bullmq";
import { Redis } from "ioredis";
import { Worker } from "@stepflow/worker";
import type { Engine } from "@stepflow/engine";
import { openEngine, type BenchEngine, type Services } from "./engine-kit.ts";

/**
 * Where the no-op worker runs (BENCH_WORKER): `inline`, in the benchmark's process next to the engine (the
 * default, as the raw BullMQ baselines run their worker), or `process`, a process of its own as workers are
 * deployed, so engine and worker do not share one event loop.
 */
export const workerPlacement = process.env["BENCH_WORKER"] === "process" ? "process" : "inline";

/** An engine plus a no-op worker; `run()` starts a one-Task execution and resolves when it has ended. */
export interface TaskBench extends BenchEngine {
  run(): Promise<void>;
  stateMachineArn: string;
}

/** Opens the engine, a worker of `concurrency` running handler `noop` (see {@link workerPlacement}), and a one-Task machine. */
export async function openTaskBench(services: Services, concurrency: number): Promise<TaskBench> {
  const bench = await openEngine(services);
  const closeWorker = await openNoopWorker(bench, services, concurrency);
  const { stateMachineArn } = await bench.engine.stateMachines.create({
    name: "one-task",
    roleArn: "arn:aws:iam::123456789012:role/bench",
    definition: JSON.stringify({
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:noop", End: true },
      },
    }),
  });
  const waiting = new Map<string, () => void>();
  bench.engine.onCompletion((arn) => waiting.get(arn)?.());
  return {
    ...bench,
    stateMachineArn,
    async run() {
      const name = randomUUID();
      const arn = `${bench.engine.arns.execution("one-task", name)}`;
      const done = new Promise<void>((resolve) => waiting.set(arn, resolve));
      await bench.engine.executions.start({ stateMachineArn, name, input: "{}" });
      await done;
      waiting.delete(arn);
    },
    async close() {
      await closeWorker();
      await bench.close();
    },
  };
}

/** Starts the no-op worker where {@link workerPlacement} says; resolves to its close function. */
async function openNoopWorker(
  bench: BenchEngine,
  services: Services,
  concurrency: number,
): Promise<() => Promise<void>> {
  if (workerPlacement === "inline") {
    const worker = new Worker({ queue: bench.queue, concurrency, handlers: { noop: () => null } });
    await worker.start();
    return () => worker.close({ timeoutMs: 1000 });
  }
  const child = fork(fileURLToPath(new URL("./bench-worker-process.ts", import.meta.url)), [], {
    env: {
      ...process.env,
      BENCH_REDIS_URL: services.redisUrl,
      BENCH_PREFIX: services.prefix,
      BENCH_CONCURRENCY: String(concurrency),
    },
  });
  await once(child, "message");
  return async () => {
    child.send("close");
    await once(child, "exit");
  };
}

/** Raw BullMQ on the same Redis: a queue, a no-op worker, and `run()` = add one job, await its completion. */
export interface RawBullmq {
  run(): Promise<void>;
  queue: Queue;
  /** Adds `count` jobs at once and resolves when the worker has completed all of them. */
  drain(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens raw BullMQ with a no-op worker of `concurrency`; completions are seen through the worker's event. */
export async function openRawBullmq(services: Services, concurrency: number): Promise<RawBullmq> {
  const connection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const name = `raw-${randomUUID().slice(0, 8)}`;
  const prefix = `${services.prefix}raw`;
  const queue = new Queue(name, { connection, prefix });
  const workerConnection = new Redis(services.redisUrl, { maxRetriesPerRequest: null });
  const worker = new BullWorker(name, () => Promise.resolve(null), {
    connection: workerConnection,
    prefix,
    concurrency,
  });
  await worker.waitUntilReady();
  const waiting = new Map<string, () => void>();
  let completed = 0;
  let drained: (() => void) | undefined;
  let target = Infinity;
  worker.on("completed", (job) => {
    waiting.get(job.id!)?.();
    if (++completed >= target) drained?.();
  });
  let n = 0;
  return {
    queue,
    async run() {
      const id = `j${n++}`;
      const done = new Promise<void>((resolve) => waiting.set(id, resolve));
      await queue.add("job", {}, { jobId: id, removeOnComplete: true, removeOnFail: true });
      await done;
      waiting.delete(id);
    },
    async drain(count) {
      completed = 0;
      target = count;
      const done = new Promise<void>((resolve) => (drained = resolve));
      const adding = performance.now();
      await worker.pause(true);
      for (let i = 0; i < count; i += 1000) {
        await queue.addBulk(
          Array.from({ length: Math.min(1000, count - i) }, () => ({
            name: "job",
            data: {},
            opts: { jobId: `b${n++}`, removeOnComplete: true, removeOnFail: true },
          })),
        );
      }
      const started = performance.now();
      void worker.resume();
      await done;
      target = Infinity;
      drainMs = performance.now() - started;
      addAndDrainMs = performance.now() - adding;
    },
    async close() {
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
      workerConnection.disconnect();
    },
  };
}

/** How long the last raw `drain` took from resuming the worker to its last completion (ms). */
export let drainMs = 0;

/** How long the last raw `drain` took from its first `addBulk` (the worker paused) to its last completion (ms). */
export let addAndDrainMs = 0;

/** Creates the machine `map-of-tasks`: a Map over `$.items` whose processor is one no-op Task (handler `noop`). */
export async function createMapOfTasks(engine: Engine): Promise<string> {
  const { stateMachineArn } = await engine.stateMachines.create({
    name: "map-of-tasks",
    roleArn: "arn:aws:iam::123456789012:role/bench",
    definition: JSON.stringify({
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: {
            StartAt: "T",
            States: {
              T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:noop", End: true },
            },
          },
          ResultSelector: { "count.$": "States.ArrayLength($)" },
          End: true,
        },
      },
    }),
  });
  return stateMachineArn;
}

/**
 * Runs the Map of {@link createMapOfTasks} over `items` items once; returns items/s from the start to the
 * Map's success. One that has not ended after `timeoutMs` is stopped and its rate so far returned.
 */
export async function runMapOfTasks(
  bench: BenchEngine,
  stateMachineArn: string,
  items: number,
  timeoutMs: number,
): Promise<number> {
  const input = JSON.stringify({ items: Array.from({ length: items }, (_, i) => i) });
  const started = performance.now();
  const { executionArn } = await bench.engine.executions.start({ stateMachineArn, input });
  for (;;) {
    const d = await bench.engine.executions.describe(executionArn);
    if (d.status !== "RUNNING") {
      if (d.status !== "SUCCEEDED" || (JSON.parse(d.output!) as { count: number }).count !== items)
        throw new Error(`the Map ended ${d.status}: ${d.error ?? ""} ${d.cause ?? d.output ?? ""}`);
      return items / ((performance.now() - started) / 1000);
    }
    if (performance.now() - started > timeoutMs) {
      // Every iteration still running is a frame of its own besides the top level's.
      const running = Object.keys((await bench.engine.snapshot(executionArn)).frames).length - 1;
      await bench.engine.executions.stop({ executionArn });
      const done = items - running;
      const rate = done / ((performance.now() - started) / 1000);
      console.log(
        `  the Map did not finish in ${timeoutMs} ms: ${done} of ${items} tasks done (${rate.toFixed(0)}/s)`,
      );
      return rate;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
