// The process the crash drill kills: an engine and an event bus on the drill's PostgreSQL database and Redis
// prefix. DRILL_MODE=put sets up the rule and PutEvents DRILL_EVENTS events with its delivery worker off, so
// nothing is delivered before the parent's kill -9; it prints `{"eventIds": [...]}` once every PutEvents
// returned and then idles until killed. DRILL_MODE=serve runs the bus with delivery on and prints `ready`.
import { createBullmqTaskQueue, createEngine, createPgSqlClient, type TaskQueue } from "@stepflow/engine";
import { createEventBus } from "../../src/index.ts";

/** The state machine and worker queue the drill's rule targets. */
export const DRILL_MACHINE = "crash-drill";
export const DRILL_QUEUE = "crash-drill-received";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
}

const mode = env("DRILL_MODE");
const sql = createPgSqlClient({ url: env("DRILL_DATABASE_URL"), max: 10 });
const queue: TaskQueue = createBullmqTaskQueue({
  connection: env("DRILL_REDIS_URL"),
  prefix: env("DRILL_PREFIX"),
  // The killed process held no job, but keep recovery of any orphaned lock short.
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
});
const background = mode === "serve";
const engine = await createEngine({ sql, queue, background, sweepMs: 500 });
const bus = await createEventBus({ sql, queue, engine, background, sweepMs: 500 });

if (mode === "put") {
  const definition = JSON.stringify({ StartAt: "Done", States: { Done: { Type: "Pass", End: true } } });
  const roleArn = "arn:aws:iam::123456789012:role/drill";
  const { stateMachineArn } = await engine.stateMachines.create({ name: DRILL_MACHINE, definition, roleArn });
  await bus.putRule({ Name: "crash-drill", EventPattern: '{"source": ["drill"]}' });
  const targets = await bus.putTargets({
    Rule: "crash-drill",
    Targets: [
      { Id: "flow", Arn: stateMachineArn },
      { Id: "jobs", Arn: `arn:aws:stepflow:us-east-1:123456789012:queue/${DRILL_QUEUE}` },
    ],
  });
  if (targets.FailedEntryCount !== 0) throw new Error(`PutTargets failed: ${JSON.stringify(targets)}`);
  const total = Number(env("DRILL_EVENTS"));
  const eventIds: string[] = [];
  for (let start = 0; start < total; start += 10) {
    const Entries = Array.from({ length: Math.min(10, total - start) }, (_, k) => ({
      Source: "drill",
      DetailType: "Drilled",
      Detail: JSON.stringify({ n: start + k }),
    }));
    const result = await bus.putEvents({ Entries });
    if (result.FailedEntryCount !== 0) throw new Error(`PutEvents failed: ${JSON.stringify(result)}`);
    for (const entry of result.Entries) eventIds.push(entry.EventId!);
  }
  process.stdout.write(`${JSON.stringify({ eventIds })}\n`);
} else {
  process.stdout.write("ready\n");
}
// Idle until the parent kills (put) or stops (serve) this process.
setInterval(() => undefined, 60_000);
process.on("SIGTERM", () => {
  void (async () => {
    await bus.close();
    await engine.close();
    await queue.close();
    await sql.close();
    process.exit(0);
  })();
});
