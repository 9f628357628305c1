import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPgSqlClient } from "../../src/adapters/pg-sql-client.ts";
import { createEngine, type Engine } from "../../src/engine/create-engine.ts";
import { readSnapshot, taskToken, type Snapshot } from "@stepflow/asl";
import type { SqlClient } from "../../src/ports/sql-client.ts";
import type { TaskQueue } from "../../src/ports/task-queue.ts";
import { drillEnvVars, type DrillEnv } from "../reliability/drill-env.ts";
import { drillDefinition, drillInput } from "../reliability/drill-workflow.ts";
import { checkDrill, DRILL_TABLES, type DrillExecution, type DrillReport } from "./drill-checks.ts";
import { DrillProcess } from "../../../../test/support/drill-process.ts";

/**
 * A drill in progress: an engine process and a worker process (children, killable), and in this process an
 * engine without background loops that only creates the machine and starts executions.
 */
export interface Drill {
  sql: SqlClient;
  queue: TaskQueue;
  engine: Engine;
  engineProcess: DrillProcess;
  workerProcess: DrillProcess;
  executions: DrillExecution[];
  /** Starts executions `from`..`from+count-1`, `parallel` at a time. */
  start(count: number, parallel?: number): Promise<void>;
  /** Executions still RUNNING. */
  running(): Promise<number>;
  /** Resolves once no execution is RUNNING; rejects after `timeoutMs` naming how many still run. */
  settled(timeoutMs: number): Promise<void>;
  check(): Promise<DrillReport>;
  close(): Promise<void>;
}

/** Opens a drill on a database (already created, empty) and a Redis prefix. */
export async function openDrill(env: DrillEnv): Promise<Drill> {
  const sql = createPgSqlClient({ url: env.databaseUrl, max: 10 });
  const queue = createBullmqTaskQueue({
    connection: env.redisUrl,
    prefix: env.prefix,
    onError: () => {}, // the PostgreSQL-restart drill does not touch Redis; Redis loss is on purpose
  });
  const engine = await createEngine({ sql, queue, background: false });
  await sql.query(DRILL_TABLES);
  const { stateMachineArn } = await engine.stateMachines.create({
    name: "drill",
    definition: JSON.stringify(drillDefinition),
    roleArn: "arn:aws:iam::123456789012:role/drill",
  });
  const vars = drillEnvVars(env);
  const engineProcess = new DrillProcess(
    "engine",
    new URL("../reliability/engine-process.ts", import.meta.url),
    vars,
  );
  const workerProcess = new DrillProcess(
    "worker",
    new URL("../reliability/worker-process.ts", import.meta.url),
    vars,
  );
  await Promise.all([engineProcess.start(), workerProcess.start()]);
  const executions: DrillExecution[] = [];

  const running = async () => {
    const { rows } = await sql.query<{ n: string }>(
      "SELECT count(*) AS n FROM executions WHERE status = 'RUNNING'",
    );
    return Number(rows[0]!.n);
  };

  return {
    sql,
    queue,
    engine,
    engineProcess,
    workerProcess,
    executions,
    async start(count, parallel = 25) {
      const first = executions.length;
      let next = first;
      const starter = async () => {
        for (let n = next++; n < first + count; n = next++) {
          const { executionArn } = await engine.executions.start({
            stateMachineArn,
            name: `drill-${n}`,
            input: JSON.stringify(drillInput(n)),
          });
          executions.push({ arn: executionArn, n });
        }
      };
      await Promise.all(Array.from({ length: parallel }, starter));
    },
    running,
    async settled(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const left = await running().catch(() => -1);
        if (left === 0) return;
        if (Date.now() > deadline) {
          const queues = await Promise.all(
            ["task-drill", "stepflow-results", "stepflow-timers", "stepflow-sentinel"].map(
              async (name) => `${name} ${JSON.stringify(await queue.counts(name).catch(() => "?"))}`,
            ),
          );
          const { rows } = await sql.query(
            "SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM timers) AS timers, (SELECT count(*) FROM timers WHERE due_at < now()) AS due",
          );
          const stuck = await stuckExecutions(sql);
          throw new Error(
            `${left} executions still RUNNING after ${timeoutMs} ms; ${JSON.stringify(rows[0])}; ${queues.join(", ")}\n${stuck}\nengine stderr:\n${engineProcess.stderr.join("\n")}\nworker stderr:\n${workerProcess.stderr.join("\n")}`,
          );
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    check: () => checkDrill(sql, executions),
    async close() {
      await Promise.all([engineProcess.stop(), workerProcess.stop()]);
      await engine.close();
      await queue.close();
      await sql.close();
    },
  };
}

/** What a few executions that never finished wait for, and their last events (a drill's failure message). */
async function stuckExecutions(sql: SqlClient): Promise<string> {
  const { rows } = await sql.query<{ arn: string; snapshot: Snapshot | string; version: number }>(
    "SELECT arn, snapshot, version FROM executions WHERE status = 'RUNNING' ORDER BY arn LIMIT 3",
  );
  const lines: string[] = [];
  for (const row of rows) {
    const snapshot = typeof row.snapshot === "string" ? readSnapshot(row.snapshot) : row.snapshot;
    const frames = Object.values(snapshot.frames).map(
      (f) =>
        `${f.id}@${f.at.name}:${f.at.wait?.kind ?? "-"}${f.at.wait?.kind === "task" ? `(${taskToken(f.at, f.at.wait).slice(-8)})` : ""}`,
    );
    const { rows: events } = await sql.query<{ id: number; type: string }>(
      "SELECT id, event->>'type' AS type FROM history_events WHERE execution_arn = $1 ORDER BY id DESC LIMIT 6",
      [row.arn],
    );
    lines.push(
      `${row.arn.slice(-12)} v${row.version} frames ${frames.join(" ")} waits ${[...snapshot.waits.keys()]
        .map((w) => w.slice(-8))
        .join(",")}; last events ${events.map((e) => `${e.id}:${e.type}`).join(" ")}`,
    );
  }
  return lines.join("\n");
}

/** Sleeps `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
