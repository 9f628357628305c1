// Task hop latency (issue 4, "Performance"), one in flight: StartExecution of a one-Task machine has
// committed and dispatched the job → the no-op @stepflow/worker runs it → its report → the engine
// commits the end state (onCompletion). Against raw BullMQ add → worker "completed" event on the same
// Redis, and PostgreSQL's single-row INSERT commit latency at 1 client; alternating rounds.
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/engine-task-hop.ts
import { median } from "./measure.ts";
import { alternate, openServices, pgClients, printHeader, quantile, seriesLine } from "./engine-kit.ts";
import { openRawBullmq, openTaskBench, workerPlacement } from "./engine-tasks-kit.ts";

const hops = Number(process.env["BENCH_HOPS"] ?? 200);

async function latencies(run: () => Promise<void>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < hops; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

printHeader("engine-task-hop");
console.log(`no-op worker: ${workerPlacement} (BENCH_WORKER=inline|process)`);
const services = await openServices("bench_task_hop");
const ours = await openTaskBench(services, 1);
const raw = await openRawBullmq(services, 1);
const [client] = await pgClients(services.databaseUrl, 1);
try {
  await client!.query("CREATE TABLE bench_rows (id bigserial PRIMARY KEY, n int NOT NULL)");
  const commits: number[] = [];
  const series = await alternate(
    () => latencies(() => ours.run()),
    async () => {
      const result = await latencies(() => raw.run());
      const c = await latencies(
        async () => void (await client!.query("INSERT INTO bench_rows (n) VALUES (1)")),
      );
      commits.push(c.p50);
      return result;
    },
  );
  const p50 = series.ours.map((s) => s.p50);
  const p99 = series.ours.map((s) => s.p99);
  const rawP50 = series.baseline.map((s) => s.p50);
  const rawP99 = series.baseline.map((s) => s.p99);
  console.log(`\nTask hop, one in flight, ${hops} hops per round (ms)`);
  console.log(seriesLine("stepflow task hop p50", p50, "ms", 2));
  console.log(seriesLine("stepflow task hop p99", p99, "ms", 2));
  console.log(seriesLine("raw BullMQ add→completed p50", rawP50, "ms", 2));
  console.log(seriesLine("raw BullMQ add→completed p99", rawP99, "ms", 2));
  console.log(seriesLine("pg single-row INSERT commit p50, 1 client", commits, "ms", 2));
  const goal50 = median(rawP50) + 2 * median(commits) + 1;
  const goal99 = 2 * median(rawP99) + 5;
  console.log(
    `  p50 ${median(p50).toFixed(2)} ms vs goal ≤ raw p50 + 2 commits + 1 ms = ${goal50.toFixed(2)} ms: ${median(p50) <= goal50 ? "met" : "NOT MET"} ` +
      `(ratio to raw p50 ${(median(p50) / median(rawP50)).toFixed(2)}×)`,
  );
  console.log(
    `  p99 ${median(p99).toFixed(2)} ms vs goal ≤ 2 × raw p99 + 5 ms = ${goal99.toFixed(2)} ms: ${median(p99) <= goal99 ? "met" : "NOT MET"} ` +
      `(ratio to raw p99 ${(median(p99) / median(rawP99)).toFixed(2)}×)`,
  );
} finally {
  await client!.end();
  await raw.close();
  await ours.close();
  await services.close();
}
