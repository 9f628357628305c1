import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Client } from "pg";
import { createBullmqTaskQueue, type QueueConsumer, type TaskQueue } from "@stepflow/engine";
import { freshDatabase, redisPrefix, serviceUrl } from "../../../../test/support/index.ts";
import type { FreshDatabase, RedisPrefix } from "../../../../test/support/index.ts";
import { until } from "../support/backends.ts";

const childScript = fileURLToPath(new URL("./crash-drill-child.ts", import.meta.url));
const EVENTS = 200;
const available = serviceUrl("DATABASE_URL") !== undefined && serviceUrl("REDIS_URL") !== undefined;
if (!available) {
  console.warn(
    "crash drill SKIPPED: set DATABASE_URL and REDIS_URL (it needs real PostgreSQL and Redis; CI sets them)",
  );
}

/**
 * Issue 6's kill -9 acceptance: a bus process commits PutEvents and dies before delivering; a restarted
 * process must deliver every event at least once to a worker queue and start exactly one execution per
 * event for a state machine target.
 */
describe.skipIf(!available)("crash drill: kill -9 between PutEvents and delivery", () => {
  let database: FreshDatabase;
  let redis: RedisPrefix;
  let queue: TaskQueue;
  let consumer: QueueConsumer | undefined;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await freshDatabase({ label: "events_drill" });
    redis = await redisPrefix({ label: "events_drill" });
    queue = createBullmqTaskQueue({ connection: redis.url, prefix: redis.prefix.replace(/:$/, "") });
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await consumer?.close();
    await queue?.close();
    await db?.end();
    await database?.drop();
    await redis?.cleanup();
  });

  /** Starts the child in `mode` and resolves with its first stdout line. */
  function start(mode: "put" | "serve"): { child: ChildProcess; firstLine: Promise<string> } {
    const child = spawn(process.execPath, ["--conditions=@stepflow/source", "--import", "tsx", childScript], {
      env: {
        ...process.env,
        DRILL_MODE: mode,
        DRILL_DATABASE_URL: database.url,
        DRILL_REDIS_URL: redis.url,
        DRILL_PREFIX: redis.prefix.replace(/:$/, ""),
        DRILL_EVENTS: String(EVENTS),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const firstLine = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code, signal) =>
        reject(new Error(`drill child (${mode}) exited (${code ?? signal}) before answering:\n${stderr}`)),
      );
    });
    return { child, firstLine };
  }

  test(`${EVENTS} events, both targets, after a restart`, { timeout: 60_000 }, async () => {
    const put = start("put");
    const { eventIds } = JSON.parse(await put.firstLine) as { eventIds: string[] };
    put.child.kill("SIGKILL");
    await new Promise((resolve) => put.child.once("exit", resolve));
    expect(put.child.signalCode).toBe("SIGKILL");
    expect(new Set(eventIds).size).toBe(EVENTS);

    const committed = await db.query<{ n: string }>("SELECT count(*) AS n FROM event_deliveries");
    expect(Number(committed.rows[0]!.n)).toBe(2 * EVENTS); // nothing was delivered before the kill

    const received = new Map<string, number>();
    consumer = queue.consume("crash-drill-received", (job) => {
      const id = (job.data as { id?: unknown }).id;
      received.set(String(id), (received.get(String(id)) ?? 0) + 1);
      return Promise.resolve();
    });
    const serve = start("serve");
    expect(await serve.firstLine).toBe("ready");

    await until(
      async () => {
        const left = await db.query<{ n: string }>("SELECT count(*) AS n FROM event_deliveries");
        return Number(left.rows[0]!.n) === 0 && received.size >= EVENTS ? true : undefined;
      },
      "every delivery to be done",
      40_000,
    );

    for (const id of eventIds) expect(received.get(id), `queue delivery of ${id}`).toBeGreaterThanOrEqual(1);
    expect([...received.keys()].filter((id) => !eventIds.includes(id))).toEqual([]);

    const { rows } = await db.query<{ name: string; status: string }>(
      "SELECT name, status FROM executions WHERE state_machine_arn LIKE '%:stateMachine:crash-drill'",
    );
    const perEvent = new Map<string, number>();
    for (const row of rows)
      perEvent.set(row.name.slice(0, 36), (perEvent.get(row.name.slice(0, 36)) ?? 0) + 1);
    for (const id of eventIds) expect(perEvent.get(id), `executions of ${id}`).toBe(1);
    expect(rows.length).toBe(EVENTS);
    expect(rows.every((row) => row.status === "SUCCEEDED")).toBe(true);

    serve.child.kill("SIGTERM");
    await new Promise((resolve) => serve.child.once("exit", resolve));
  });
});
