// Durable PutEvents and delivery latency (issue 6, "Benchmarks"). It prints; it is not a test.
// (b) PutEvents of 10 entries (one commit per request: events, archive copies, deliveries) from 8 concurrent
//     clients, in entries/s, vs a 10-row multi-row INSERT at 8 pg clients, in rows/s, alternating. Goal ≥ 0.4×.
// (c) PutEvents → worker-queue target delivered, one event at a time (low load): p50 / p99. Goal p99 ≤ 50 ms.
//   DATABASE_URL=... REDIS_URL=... node --import tsx bench/events-put.ts
import { createEventBus } from "@stepflow/events";
import { cpuMeter, cpuPerUnit } from "./cpu-meter.ts";
import {
  alternate,
  closedLoopRate,
  openEngine,
  openServices,
  pgClients,
  printHeader,
  printRatio,
  quantile,
  rounds,
  seriesLine,
} from "./engine-kit.ts";
import { median } from "./measure.ts";

const clients = 8;
const sampleMs = Number(process.env["BENCH_SAMPLE_MS"] ?? 2000);
const latencySamples = Number(process.env["BENCH_LATENCY_SAMPLES"] ?? 300);
const queueArn = (name: string) => `arn:aws:stepflow:us-east-1:123456789012:queue/${name}`;
const detail = (n: number) =>
  JSON.stringify({
    orderId: `ord-${n}`,
    total: n % 500,
    customer: { id: `c-${n % 997}`, region: "eu-west-1" },
  });

printHeader("events-put");
const services = await openServices("bench_events");
const bench = await openEngine(services, { background: false, poolSize: 16 });
const baseline = await pgClients(services.databaseUrl, clients);
try {
  // (b) Delivery off in this bus: the comparison is PutEvents' commit, not the delivery that follows it.
  const putBus = await createEventBus({
    sql: bench.sql,
    queue: bench.queue,
    engine: bench.engine,
    background: false,
  });
  await putBus.putRule({
    Name: "orders",
    EventPattern: '{"source": ["shop"], "detail": {"total": [{"numeric": [">=", 0]}]}}',
  });
  await putBus.putTargets({ Rule: "orders", Targets: [{ Id: "jobs", Arn: queueArn("bench-put-sink") }] });
  await baseline[0]!.query(
    "CREATE TABLE bench_events (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), bus text NOT NULL, envelope text NOT NULL)",
  );
  let n = 0;
  const meter = cpuMeter(baseline[0]!, new URL(services.databaseUrl).pathname.slice(1), services.redisUrl);
  const cpu = {
    ours: [] as ReturnType<typeof cpuPerUnit>[],
    baseline: [] as ReturnType<typeof cpuPerUnit>[],
  };
  /** Runs one sample and records its CPU time per row (this process, the database's backends, Redis). */
  const metered = async (into: ReturnType<typeof cpuPerUnit>[], sample: () => Promise<number>) => {
    const before = await meter.read();
    const rowsBefore = n;
    const rate = await sample();
    into.push(cpuPerUnit(before, await meter.read(), n - rowsBefore));
    return rate;
  };
  const series = await alternate(
    () =>
      metered(cpu.ours, () =>
        closedLoopRate(clients, sampleMs, async () => {
          const Entries = Array.from({ length: 10 }, () => ({
            Source: "shop",
            DetailType: "OrderPlaced",
            Detail: detail(n++),
          }));
          const result = await putBus.putEvents({ Entries });
          if (result.FailedEntryCount !== 0) throw new Error(`PutEvents failed: ${JSON.stringify(result)}`);
          return 10;
        }),
      ),
    () =>
      metered(cpu.baseline, () =>
        closedLoopRate(clients, sampleMs, async (caller) => {
          const values = Array.from({ length: 10 }, (_, k) => `($${2 * k + 1}, $${2 * k + 2})`).join(", ");
          const params = Array.from({ length: 10 }, () => ["default", detail(n++)]).flat();
          await baseline[caller]!.query(`INSERT INTO bench_events (bus, envelope) VALUES ${values}`, params);
          return 10;
        }),
      ),
  );
  printRatio(
    `PutEvents, 10 entries per request, ${clients} concurrent clients vs a 10-row INSERT at ${clients} pg clients`,
    "rows/s",
    { name: "stepflow PutEvents (entries/s)", values: series.ours },
    { name: `pg 10-row INSERT, ${clients} clients`, values: series.baseline },
    0.4,
  );
  // The warm-up samples are the first of each series.
  const line = (name: string, samples: ReturnType<typeof cpuPerUnit>[]) => {
    const kept = samples.slice(1);
    const part = (pick: (s: ReturnType<typeof cpuPerUnit>) => number | undefined) => {
      const values = kept.map(pick).filter((v): v is number => v !== undefined);
      return values.length === 0 ? "?" : median(values).toFixed(0);
    };
    console.log(
      seriesLine(
        name,
        kept.map((s) => s.total),
        "µs CPU per row",
      ) +
        `   (this process ${part((s) => s.node)}, PostgreSQL ${part((s) => s.postgres)}, Redis ${part((s) => s.redis)})`,
    );
    return median(kept.map((s) => s.total));
  };
  console.log("\nThe same samples in CPU time (lower is better; Redis is shared with other sessions):");
  const ours = line("stepflow PutEvents", cpu.ours);
  const theirs = line(`pg 10-row INSERT, ${clients} clients`, cpu.baseline);
  console.log(`  ratio of medians ${(theirs / ours).toFixed(2)}× (baseline CPU per row / ours)`);
  await meter.close();
  await putBus.close();
} finally {
  await Promise.all(baseline.map((c) => c.end()));
  await bench.close();
  await services.close();
}

// (c) Fresh services, so (b)'s queued deliveries are not a backlog in front of these.
const latencyServices = await openServices("bench_events_latency");
const latencyBench = await openEngine(latencyServices, { poolSize: 16 });
try {
  const bus = await createEventBus({
    sql: latencyBench.sql,
    queue: latencyBench.queue,
    engine: latencyBench.engine,
  });
  await bus.putRule({ Name: "latency", EventPattern: '{"source": ["latency"]}' });
  await bus.putTargets({ Rule: "latency", Targets: [{ Id: "jobs", Arn: queueArn("bench-latency") }] });
  const waiting = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  const consumer = latencyBench.queue.consume("bench-latency", (job) => {
    const id = String((job.data as { id?: unknown }).id);
    const at = performance.now();
    const resolve = waiting.get(id);
    if (resolve === undefined) early.set(id, at);
    else resolve(at);
    return Promise.resolve();
  });
  const latencies: number[] = [];
  for (let i = 0; i < latencySamples + 20; i++) {
    const started = performance.now();
    let resolve!: (at: number) => void;
    const delivered = new Promise<number>((r) => (resolve = r));
    const result = await bus.putEvents({
      Entries: [{ Source: "latency", DetailType: "Ping", Detail: detail(i) }],
    });
    const id = result.Entries[0]!.EventId!;
    // The id is only known once PutEvents returns; the delivery may have arrived before that.
    const arrived = early.get(id);
    if (arrived === undefined) waiting.set(id, resolve);
    else resolve(arrived);
    const at = await Promise.race([delivered, new Promise<number>((r) => setTimeout(() => r(-1), 5000))]);
    waiting.delete(id);
    if (at < 0) throw new Error(`event ${id} was not delivered within 5 s`);
    if (i >= 20) latencies.push(at - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  console.log(
    `\nPutEvents → worker-queue target delivered, one event at a time (${latencySamples} events after 20 warm-up)`,
  );
  console.log(
    `  p50 ${p50.toFixed(1)} ms   p99 ${p99.toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms   (goal p99 ≤ 50 ms: ${p99 <= 50 ? "met" : "NOT MET"})`,
  );
  console.log(`  (${rounds} rounds apply to the throughput comparison only)`);
  await consumer.close();
  await bus.close();
} finally {
  await latencyBench.close();
  await latencyServices.close();
}
