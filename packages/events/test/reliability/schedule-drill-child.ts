// A bus process for the scheduled-rules drill: an event bus (no engine) on the drill's PostgreSQL database
// and Redis prefix whose clock is the drill's virtual clock, polling for due rules every DRILL_POLL_MS and
// delivering. Prints "ready"; the drill kills it with SIGKILL at random moments; SIGTERM closes it.
import { createBullmqTaskQueue, createPgSqlClient } from "@stepflow/engine";
import { createEventBus } from "../../src/index.ts";
import { clockFromEnv, virtualClock } from "../support/virtual-clock.ts";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

const sql = createPgSqlClient({ url: env("DRILL_DATABASE_URL"), max: 5 });
const queue = createBullmqTaskQueue({
  connection: env("DRILL_REDIS_URL"),
  prefix: env("DRILL_PREFIX"),
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  onError: (error) => process.stderr.write(`bus queue: ${error.message}\n`),
});
const bus = await createEventBus({
  sql,
  queue,
  now: virtualClock(clockFromEnv()),
  schedulePollMs: Number(env("DRILL_POLL_MS")),
  sweepMs: 500,
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void (async () => {
    await bus.close();
    await queue.close();
    await sql.close();
    process.exit(0);
  })();
});
