// PostgreSQL-only dispatch (issue 4, "Performance"): with no Redis at all — the engine's store and its task
// queue (BullMQ 6.7's PostgreSQL backend) on one PostgreSQL server — one execution whose Map runs a no-op
// Task on each of BENCH_PG_ITEMS (2,000) items, start → SUCCEEDED, against graphile-worker draining a
// backlog of as many no-op jobs added with one addJobs call (concurrency 64, a local queue of 500 jobs
// fetched per query, completions batched). Both in this process, on fresh databases of the same server;
// alternating rounds (BENCH_ROUNDS).
//   DATABASE_URL=... node --import tsx bench/engine-pg-dispatch.ts
import { Logger, run, makeWorkerUtils, type Runner } from "graphile-worker";
import { createBullmqPostgresTaskQueue, createEngine, createPgSqlClient } from "@stepflow/engine";
import { Worker } from "@stepflow/worker";
import { freshDatabase } from "../support/fresh-database.ts";
import { alternate, printHeader, printRatio } from "./engine-kit.ts";
import { createMapOfTasks, runMapOfTasks } from "./engine-tasks-kit.ts";

const concurrency = 64;
const items = Number(process.env["BENCH_PG_ITEMS"] ?? 2_000);
const timeoutMs = Number(process.env["BENCH_MAP_TIMEOUT_MS"] ?? 600_000);

if (!process.env["DATABASE_URL"]) throw new Error("this benchmark needs DATABASE_URL (real PostgreSQL)");
printHeader("engine-pg-dispatch");

const oursDb = await freshDatabase({ label: "bench_pg_dispatch" });
const graphileDb = await freshDatabase({ label: "bench_graphile" });
const sql = createPgSqlClient({ url: oursDb.url, max: 32 });
const queue = createBullmqPostgresTaskQueue({ url: oursDb.url, schema: "bullmq" });
const engine = await createEngine({ sql, queue });
const worker = new Worker({ queue, concurrency, handlers: { noop: () => null } });
await worker.start();
const bench = { engine, sql, queue, close: () => Promise.resolve() };

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
  const stateMachineArn = await createMapOfTasks(engine);
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
  const series = await alternate(() => runMapOfTasks(bench, stateMachineArn, items, timeoutMs), drain);
  printRatio(
    `PostgreSQL only: Map over ${items.toLocaleString("en")} no-op Tasks, items/s (start → SUCCEEDED) vs graphile-worker batched backlog drain jobs/s (concurrency ${concurrency})`,
    "per s",
    { name: "stepflow Map, BullMQ PostgreSQL backend", values: series.ours },
    { name: "graphile-worker addJobs + drain", values: series.baseline },
    0.5,
  );
} finally {
  await utils.release();
  await runner.stop();
  await worker.close({ timeoutMs: 1000 });
  await engine.close();
  await queue.close();
  await sql.close();
  await oursDb.drop();
  await graphileDb.drop();
}
