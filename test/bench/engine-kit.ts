// Shared pieces of the engine benchmarks (test/bench/engine-*.ts): services, an engine on them, the
// alternating-rounds method and the report lines. The benchmarks print; they are not tests.
import { cpus, loadavg } from "node:os";
import pg from "pg";
import {
  createBullmqTaskQueue,
  createEngine,
  createPgSqlClient,
  type Engine,
  type SqlClient,
  type TaskQueue,
} from "@stepflow/engine";
import { freshDatabase } from "../support/fresh-database.ts";
import { redisPrefix } from "../support/redis-prefix.ts";
import { median } from "./measure.ts";

/** Rounds per comparison (BENCH_ROUNDS, at least 5). */
export const rounds = Math.max(5, Number(process.env["BENCH_ROUNDS"] ?? 5));

/** A database and a Redis prefix of the benchmark's own, dropped by `close()`. */
export interface Services {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  close(): Promise<void>;
}

/** Fresh database on DATABASE_URL and a fresh prefix on REDIS_URL; both must be set. */
export async function openServices(label: string): Promise<Services> {
  const redisUrl = process.env["REDIS_URL"];
  if (!process.env["DATABASE_URL"] || !redisUrl)
    throw new Error("the engine benchmarks need DATABASE_URL and REDIS_URL (real PostgreSQL and Redis)");
  const database = await freshDatabase({ label });
  const redis = await redisPrefix({ label });
  return {
    databaseUrl: database.url,
    redisUrl,
    prefix: redis.prefix.replace(/:$/, ""),
    async close() {
      await redis.cleanup();
      await database.drop();
    },
  };
}

/** An engine on the services, with its SQL client and queue. */
export interface BenchEngine {
  engine: Engine;
  sql: SqlClient;
  queue: TaskQueue;
  close(): Promise<void>;
}

/** Opens an engine in this process (background loops on unless `background: false`). */
export async function openEngine(
  services: Services,
  options: { background?: boolean; poolSize?: number } = {},
): Promise<BenchEngine> {
  const sql = createPgSqlClient({ url: services.databaseUrl, max: options.poolSize ?? 32 });
  const queue = createBullmqTaskQueue({ connection: services.redisUrl, prefix: services.prefix });
  const engine = await createEngine({ sql, queue, background: options.background ?? true });
  return {
    engine,
    sql,
    queue,
    async close() {
      await engine.close();
      await queue.close();
      await sql.close();
    },
  };
}

/** `clients` connected pg clients for a baseline. */
export async function pgClients(url: string, clients: number): Promise<pg.Client[]> {
  return Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
}

/** Runs `work` on `callers` concurrent loops until `ms` elapsed; returns completed units per second. */
export async function closedLoopRate(callers: number, ms: number, work: (caller: number) => Promise<number>) {
  let units = 0;
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      while (performance.now() < deadline) {
        // Not `units += await work()`: that reads `units` before the await and loses the other callers' counts.
        const done = await work(caller);
        units += done;
      }
    }),
  );
  return units / ((performance.now() - started) / 1000);
}

/** The value at quantile `q` (0..1) of a non-empty list. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs `ours` and `baseline` alternately `rounds` times (a warm-up of each first); returns both series. */
export async function alternate<T>(
  ours: () => Promise<T>,
  baseline: () => Promise<T>,
): Promise<{ ours: T[]; baseline: T[] }> {
  await ours();
  await baseline();
  const result = { ours: [] as T[], baseline: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    result.ours.push(await ours());
    result.baseline.push(await baseline());
  }
  return result;
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** One line of a series: its median and range. */
export function seriesLine(name: string, values: readonly number[], unit: string, digits = 0): string {
  return `  ${name.padEnd(44)} ${fmt(median(values), digits).padStart(10)} ${unit}   (rounds ${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

/** Prints a throughput comparison: both medians, their ratio, and the goal (a minimum ratio). */
export function printRatio(
  title: string,
  unit: string,
  ours: { name: string; values: number[] },
  baseline: { name: string; values: number[] },
  goal: number,
): void {
  const ratio = median(ours.values) / median(baseline.values);
  console.log(`\n${title}`);
  console.log(seriesLine(ours.name, ours.values, unit));
  console.log(seriesLine(baseline.name, baseline.values, unit));
  console.log(
    `  ratio of medians ${ratio.toFixed(2)}×   (goal ≥ ${goal}×: ${ratio >= goal ? "met" : "NOT MET"})`,
  );
}

/** The machine and method line every engine benchmark starts with. */
export function printHeader(name: string): void {
  console.log(
    `${name}: node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(1)}; ` +
      `${rounds} alternating rounds after a warm-up, medians of the rounds`,
  );
}

/** Sleeps `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
