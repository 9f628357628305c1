// An engine process for the reliability drills: consumes timers and worker reports, sweeps, and nothing
// else (the test starts executions through an engine of its own). Prints "ready" once it consumes; the
// test kills it with SIGKILL at random moments and starts another. SIGTERM closes it gracefully.
import { createBullmqTaskQueue } from "../../src/adapters/bullmq-task-queue.ts";
import { createPgSqlClient } from "../../src/adapters/pg-sql-client.ts";
import { createEngine } from "../../src/engine/create-engine.ts";
import { drillEnv } from "./drill-env.ts";

const env = drillEnv();
const sql = createPgSqlClient({ url: env.databaseUrl, max: 10 });
const queue = createBullmqTaskQueue({
  connection: env.redisUrl,
  prefix: env.prefix,
  lockDurationMs: env.lockDurationMs,
  stalledIntervalMs: env.stalledIntervalMs,
  onError: (error) => process.stderr.write(`engine queue: ${error.message}\n`),
});
const engine = await createEngine({
  sql,
  queue,
  sweepMs: env.sweepMs,
  storage: { journalFromBytes: env.journalFromBytes },
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void (async () => {
    await engine.close();
    await queue.close();
    await sql.close();
    process.exit(0);
  })();
});
