// PostgreSQL-only dispatch (issue 4, "Performance"): with no Redis at all — the engine's store and its task
// queue on one PostgreSQL server — one execution whose Map runs a no-op Task on each of BENCH_PG_ITEMS
// (2,000) items, start → SUCCEEDED, against graphile-worker draining a backlog of as many no-op jobs added
// with one addJobs call (concurrency 64, a local queue of 500 jobs fetched per query, completions batched).
// Two engines, each on a fresh database with its own queue: our PostgreSQL queue (createPostgresTaskQueue,
// the goal's row) and BullMQ 6.7's PostgreSQL backend (for comparison). All in this process, on the same
// server; the three alternate round by round (BENCH_ROUNDS).
//   DATABASE_URL=... node --import tsx bench/engine-pg-dispatch.ts
import { Logger, run, makeWorkerUtils, type Runner } from "graphile-worker";
import {
  createBullmqPostgresTaskQueue,
  createEngine,
  createPgSqlClient,
  createPostgresTaskQueue,
  type TaskQueue,
} from "@stepflow/engine";
import { Worker } from "@stepflow/worker";
import { freshDatabase } from "../support/fresh-database.ts";
import { printHeader, printRatio, rounds, type BenchEngine } from "./engine-kit.ts";
import { createMapOfTasks, runMapOfTasks } from "./engine-tasks-kit.ts";

const concurrency = 64;
const items = Number(process.env["BENCH_PG_ITEMS"] ?? 2_000);
const timeoutMs = Number(process.env["BENCH_MAP_TIMEOUT_MS"] ?? 600_000);

if (!process.env["DATABASE_URL"]) throw new Error("this benchmark needs DATABASE_URL (real PostgreSQL)");
printHeader("engine-pg-dispatch");

/** An engine and a no-op worker on a fresh database, with the queue `openQueue` makes on it. */
async function openPgEngine(label: string, openQueue: (url: string) => TaskQueue) {
  const database = await freshDatabase({ label });
  const sql = createPgSqlClient({ url: database.url, max: 32 });
  const queue = openQueue(database.url);
  const engine = await createEngine({ sql, queue });
  const worker = new Worker({ queue, concurrency, handlers: { noop: () => null } });
  await worker.start();
  const bench: BenchEngine = {
    engine,
    sql,
    queue,
    async close() {
      await worker.close({ timeoutMs: 1000 });
      await engine.close();
      await queue.close();
      await sql.close();
      await database.drop();
    },
  };
  const stateMachineArn = await createMapOfTasks(engine);
  return { bench, run: () => runMapOfTasks(bench, stateMachineArn, items, timeoutMs) };
}

const ours = await openPgEngine("bench_pg_dispatch", (url) => createPostgresTaskQueue({ url }));
const bullmq = await openPgEngine("bench_pg_bullmq", (url) =>
  createBullmqPostgresTaskQueue({ url, schema: "bullmq" }),
);

const graphileDb = await freshDatabase({ label: "bench_graphile" });
let completed = 0;
let target = Infinity;
let drained: (() => void) | undefined;
// Quiet: graphile-worker logs every job at INFO, which would time the console.
const logger = new Logger(() => () => {});
const runner: Runner = await run({
  connectionString: graphileDb.url,
  logger,
  concurrency,
  noHandleSignals: true,
  pollInterval: 1000,
  taskList: { noop: () => Promise.resolve() },
  preset: {
    worker: { localQueue: { size: 500 }, completeJobBatchDelay: 0, maxPoolSize: 10 },
  },
});
runner.events.on("job:success", () => {
  if (++completed >= target) drained?.();
});
const utils = await makeWorkerUtils({ connectionString: graphileDb.url, logger });

try {
  const drain = async (): Promise<number> => {
    completed = 0;
    target = items;
    const done = new Promise<void>((resolve) => (drained = resolve));
    const started = performance.now();
    await utils.addJobs(Array.from({ length: items }, () => ({ identifier: "noop", payload: {} })));
    await done;
    target = Infinity;
    return items / ((performance.now() - started) / 1000);
  };
  // A warm-up of each, then the three in turn every round.
  const contenders = [ours.run, bullmq.run, drain];
  for (const measure of contenders) await measure();
  const series: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, measure] of contenders.entries()) series[index]!.push(await measure());
  }
  const [oursRates, bullmqRates, graphileRates] = series as [number[], number[], number[]];
  const baseline = { name: "graphile-worker addJobs + drain", values: graphileRates };
  const what = `Map over ${items.toLocaleString("en")} no-op Tasks, items/s (start → SUCCEEDED) vs graphile-worker batched backlog drain jobs/s (concurrency ${concurrency})`;
  printRatio(
    `PostgreSQL only, our queue: ${what}`,
    "per s",
    { name: "stepflow Map, createPostgresTaskQueue", values: oursRates },
    baseline,
    0.5,
  );
  printRatio(
    `PostgreSQL only, BullMQ's backend (for comparison): ${what}`,
    "per s",
    { name: "stepflow Map, BullMQ PostgreSQL backend", values: bullmqRates },
    baseline,
    0.5,
  );
} finally {
  await utils.release();
  await runner.stop();
  await ours.bench.close();
  await bullmq.bench.close();
  await graphileDb.drop();
}
