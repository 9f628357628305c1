/**
 * The server side of `server-start-execution.ts`, run as its own process so the load generator does not
 * share its event loop: a Stepflow engine on PostgreSQL (a fresh database) + BullMQ (a fresh Redis
 * prefix), the Stepflow app, and on the same Express app two bare routes to compare against:
 *   POST /bare/insert    parses the JSON body and does one single-row INSERT into a scratch table
 *   POST /bare/constant  parses the JSON body and answers a constant
 *   POST /bare/lookup    reads the state machine row (one SELECT), then answers a constant
 * Sends `{ port, machines }` to the parent over IPC; cleans up on "stop".
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createBullmqTaskQueue, createEngine, createPgSqlClient, type SqlClient } from "@stepflow/engine";
import { createApp } from "@stepflow/server";
import express from "express";
import { freshDatabase } from "../support/fresh-database.ts";
import { redisPrefix } from "../support/redis-prefix.ts";
import { serviceUrl } from "../support/service-url.ts";

const ROLE = "arn:aws:iam::123456789012:role/bench";

/** The machines the benchmark starts. */
export interface BenchMachines {
  /** STANDARD, first state a Task: StartExecution commits the row and queues the task. */
  task: string;
  /** STANDARD, three Pass states: StartExecution runs it to its end in the one commit. */
  pass: string;
  /** EXPRESS, three Pass states, for StartSyncExecution. */
  express: string;
}

/** What the server process reports once it listens. */
export interface BenchServerReady {
  port: number;
  machines: BenchMachines;
}

const threePass = {
  StartAt: "A",
  States: {
    A: { Type: "Pass", Parameters: { "order.$": "$.order", step: 1 }, Next: "B" },
    B: { Type: "Pass", ResultPath: "$.checked", Result: true, Next: "C" },
    C: { Type: "Pass", End: true },
  },
};

async function main(): Promise<void> {
  const pgUrl = serviceUrl("DATABASE_URL");
  const redisUrl = serviceUrl("REDIS_URL");
  if (pgUrl === undefined || redisUrl === undefined) {
    throw new Error("the server benchmark needs DATABASE_URL and REDIS_URL (real PostgreSQL and Redis)");
  }
  const database = await freshDatabase({ label: "bench_server" });
  const redis = await redisPrefix({ label: "bench-server" });
  const pool = createPgSqlClient({ url: database.url, max: 20 });
  // BENCH_COUNT_SQL=1: count statements by their first line, printed when the server stops.
  const counted = new Map<string, number>();
  const count = (text: string) => {
    const key = text.trim().split("\n")[0]!.slice(0, 90);
    counted.set(key, (counted.get(key) ?? 0) + 1);
  };
  const sql: SqlClient =
    process.env["BENCH_COUNT_SQL"] === undefined
      ? pool
      : {
          kind: pool.kind,
          query: (text, params) => (count(text), pool.query(text, params)),
          transaction: (fn) =>
            pool.transaction((tx) => fn({ query: (text, params) => (count(text), tx.query(text, params)) })),
          close: () => pool.close(),
        };
  const queue = createBullmqTaskQueue({ connection: redisUrl, prefix: redis.prefix.replace(/:$/, "") });
  const engine = await createEngine({ sql, queue });

  await sql.query(
    `CREATE TABLE bench_scratch (
       arn text PRIMARY KEY, name text NOT NULL, status text NOT NULL, input text NOT NULL,
       start_date timestamptz NOT NULL DEFAULT now())`,
  );
  const create = async (name: string, definition: object, type?: "EXPRESS") =>
    (
      await engine.stateMachines.create({
        name,
        definition: JSON.stringify(definition),
        roleArn: ROLE,
        ...(type === undefined ? {} : { type }),
      })
    ).stateMachineArn;
  const machines: BenchMachines = {
    task: await create("bench-task", {
      StartAt: "Work",
      States: {
        Work: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:work", End: true },
      },
    }),
    pass: await create("bench-pass", threePass),
    express: await create("bench-express", threePass, "EXPRESS"),
  };

  const app = createApp({ engine, security: { accessKeys: new Map(), apiKeys: [] } });
  const bare = express.Router();
  bare.use(express.json({ type: () => true }));
  bare.post("/insert", async (req, res) => {
    const body = req.body as { stateMachineArn?: string; input?: string };
    const name = randomUUID();
    await sql.query("INSERT INTO bench_scratch (arn, name, status, input) VALUES ($1, $2, $3, $4)", [
      `${body.stateMachineArn ?? ""}:${name}`,
      name,
      "RUNNING",
      body.input ?? "{}",
    ]);
    res.json({ executionArn: `${body.stateMachineArn ?? ""}:${name}`, startDate: Date.now() / 1000 });
  });
  // The one statement StartSyncExecution runs (the machine lookup), then a constant.
  bare.post("/lookup", async (req, res) => {
    const body = req.body as { stateMachineArn?: string };
    await sql.query(
      "SELECT m.arn, m.type, d.body FROM state_machines m JOIN definitions d ON d.hash = m.definition_hash WHERE m.arn = $1",
      [body.stateMachineArn ?? ""],
    );
    res.json({ status: "SUCCEEDED", output: '{"ok":true}' });
  });
  bare.post("/constant", (_req, res) => {
    res.json({ status: "SUCCEEDED", output: '{"ok":true}' });
  });
  // Mounted before the Stepflow routers' fall-through, on the same app and the same pool.
  app.use("/bare", bare);

  const server = app.listen(0, "127.0.0.1", () => {
    const ready: BenchServerReady = { port: (server.address() as AddressInfo).port, machines };
    process.send?.(ready);
  });
  server.keepAliveTimeout = 60_000;

  process.on("message", (message) => {
    if (message !== "stop") return;
    server.closeAllConnections();
    server.close();
    if (counted.size > 0) {
      console.log("statements run by the server process:");
      for (const [text, n] of [...counted].sort((a, b) => b[1] - a[1]))
        console.log(`${String(n).padStart(8)}  ${text}`);
    }
    void (async () => {
      await engine.close();
      await queue.close();
      await sql.close();
      await database.drop();
      await redis.cleanup();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
