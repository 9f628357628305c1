// A worker process for the reliability drills: runs the drill's Task handler with @stepflow/worker. The
// handler counts every delivery and records its effect once per task token, both in PostgreSQL; its writes
// retry through connection loss (the PostgreSQL-restart drill). Prints "ready"; SIGTERM closes it.
import pg from "pg";
import { createWorker } from "@stepflow/worker";
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { drillEnv } from "./drill-env.ts";
import { drillResult, failsTransiently, Transient, type DrillTaskInput } from "./drill-workflow.ts";

const env = drillEnv();
const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 8, connectionTimeoutMillis: 2000 });
pool.on("error", () => {}); // an idle client lost with the server; the next query reconnects

async function write(text: string, params: unknown[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await pool.query(text, params);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const queue = createBullmqTaskQueue({
  connection: env.redisUrl,
  prefix: env.prefix,
  lockDurationMs: env.lockDurationMs,
  stalledIntervalMs: env.stalledIntervalMs,
  onError: (error) => process.stderr.write(`worker queue: ${error.message}\n`),
});
const worker = await createWorker({
  queue,
  concurrency: env.concurrency,
  reportStarted: true,
  handlers: {
    drill: async (input: DrillTaskInput, ctx) => {
      await write(
        `INSERT INTO drill_deliveries (token, deliveries) VALUES ($1, 1)
         ON CONFLICT (token) DO UPDATE SET deliveries = drill_deliveries.deliveries + 1`,
        [ctx.taskToken],
      );
      // A little work time, so kills land while handlers run.
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      if (failsTransiently(input, ctx.attempt)) throw new Transient(`${input.op} attempt ${ctx.attempt}`);
      const result = drillResult(input);
      await write(
        `INSERT INTO drill_effects (token, execution_arn, op, result, param_token) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (token) DO NOTHING`,
        [ctx.taskToken, ctx.executionArn, input.op, result, input.token],
      );
      return result;
    },
  },
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void (async () => {
    await worker.close({ timeoutMs: 2000 });
    await queue.close();
    await pool.end();
    process.exit(0);
  })();
});
