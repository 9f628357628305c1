// The engine process measured by engine-memory.ts: an engine on PostgreSQL + BullMQ that starts
// BENCH_WAITING executions of a one-hour Wait itself (32 callers), so whatever the engine keeps per
// running execution is in this process. Prints JSON lines: {"idle": rss} then {"waiting": rss, ...}.
import { openEngine, type Services } from "./engine-kit.ts";

const count = Number(process.env["BENCH_WAITING"] ?? 10_000);
const services: Services = {
  databaseUrl: process.env["BENCH_DATABASE_URL"]!,
  redisUrl: process.env["BENCH_REDIS_URL"]!,
  prefix: process.env["BENCH_PREFIX"]!,
  close: () => Promise.resolve(),
};
const gc = globalThis.gc ?? (() => undefined);
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
};
const rssMb = () => process.memoryUsage().rss / 2 ** 20;
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

const bench = await openEngine(services, { poolSize: 32 });
const { stateMachineArn } = await bench.engine.stateMachines.create({
  name: "wait-an-hour",
  roleArn: "arn:aws:iam::123456789012:role/bench",
  definition: JSON.stringify({
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Parameters: { "order.$": "$.order", "lines.$": "$.lines" }, Next: "Hour" },
      Hour: { Type: "Wait", Seconds: 3600, Next: "Done" },
      Done: { Type: "Succeed" },
    },
  }),
});
await settle();
console.log(JSON.stringify({ idle: rssMb(), heap: heapMb() }));
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    for (let n = next++; n < count; n = next++) {
      const input = {
        order: `order-${n}`,
        lines: [
          { sku: "a", qty: 1 },
          { sku: "b", qty: 2 },
        ],
      };
      await bench.engine.executions.start({ stateMachineArn, input: JSON.stringify(input) });
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await settle();
const { rows } = await bench.sql.query<{ n: string }>(
  "SELECT count(*) AS n FROM executions WHERE status = 'RUNNING'",
);
console.log(JSON.stringify({ waiting: rssMb(), heap: heapMb(), running: Number(rows[0]!.n), seconds }));
await bench.close();
