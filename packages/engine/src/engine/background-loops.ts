import { type Command, parseJson, type Signal, stringifyJson } from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import type { QueueConsumer, TaskQueue } from "../ports/task-queue.ts";
import { RESULTS_QUEUE, TIMERS_QUEUE, type TaskReport } from "../tasks/task-messages.ts";
import { executionOfToken } from "../tasks/task-token.ts";

/** Largest task result accepted, as on AWS (256 KiB of UTF-8 JSON). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** What the loops drive. */
export interface LoopTargets {
  sql: SqlClient;
  queue: TaskQueue;
  signal(arn: string, signal: Signal, fired?: string): Promise<unknown>;
  dispatch(arn: string, commands: Command[], outboxIds: number[]): Promise<void>;
  /** Rebuilds the queue from PostgreSQL if it lost its contents. */
  checkQueue(): Promise<boolean>;
}

/**
 * Leases timers that are due but were not fired by their delayed job (a lost job, a crash, Redis emptied)
 * and fires them. The lease (moving due_at forward) keeps other engine processes off them meanwhile.
 * SQL params: $1 grace seconds, $2 lease seconds, $3 limit. Returns execution_arn, timer.
 */
export const LEASE_DUE_TIMERS = `
UPDATE timers t SET due_at = now() + make_interval(secs => $2)
  FROM (SELECT execution_arn, timer FROM timers
         WHERE due_at <= now() - make_interval(secs => $1)
         ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
 WHERE t.execution_arn = due.execution_arn AND t.timer = due.timer
RETURNING t.execution_arn, t.timer`;

/**
 * Leases outbox rows older than a grace period (their dispatch was interrupted) for re-sending.
 * SQL params: $1 grace seconds, $2 limit. Returns id, execution_arn, command.
 */
export const LEASE_STALE_OUTBOX = `
UPDATE outbox o SET created_at = now()
  FROM (SELECT id FROM outbox WHERE created_at <= now() - make_interval(secs => $1)
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) stale
 WHERE o.id = stale.id
RETURNING o.id, o.execution_arn, o.command`;

/** Consumes timer jobs and task reports, and sweeps timers and the outbox. */
export function startBackgroundLoops(
  targets: LoopTargets,
  options: { sweepMs?: number; concurrency?: number } = {},
) {
  const consumers: QueueConsumer[] = [];
  consumers.push(
    targets.queue.consume(
      TIMERS_QUEUE,
      async (job) => {
        const { executionArn, timer } = job.data as { executionArn: string; timer: string; dueAt: number };
        await fireTimer(targets, executionArn, timer);
      },
      { concurrency: options.concurrency ?? 16 },
    ),
  );
  consumers.push(
    targets.queue.consume(
      RESULTS_QUEUE,
      async (job) => {
        const report = job.data as unknown as TaskReport;
        let arn: string;
        try {
          arn = executionOfToken(report.token);
        } catch {
          return; // not one of our tokens: nothing to do, and retrying would not help
        }
        try {
          await targets.signal(arn, checkedReport(report));
        } catch (error) {
          // A report for an execution that does not exist (deleted, or another deployment's) can never apply.
          if (error instanceof EngineError && error.code === "ExecutionDoesNotExist") return;
          throw error;
        }
      },
      { concurrency: options.concurrency ?? 16 },
    ),
  );

  const sweepMs = options.sweepMs ?? 2_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    await targets.checkQueue();
    const timers = await targets.sql.query<{ execution_arn: string; timer: string }>(
      LEASE_DUE_TIMERS,
      [1, 30, 200],
    );
    for (const row of timers.rows)
      await fireTimer(targets, row.execution_arn, row.timer, true).catch(() => undefined);
    const stale = await targets.sql.query<{ id: number | string; execution_arn: string; command: string }>(
      LEASE_STALE_OUTBOX,
      [10, 500],
    );
    for (const row of stale.rows) {
      await targets
        .dispatch(row.execution_arn, [parseJson(row.command) as unknown as Command], [Number(row.id)])
        .catch(() => undefined);
    }
  };
  const interval = setInterval(() => {
    if (stopped) return;
    running = running.then(sweep).catch(() => undefined);
  }, sweepMs);
  interval.unref();

  return {
    /** Runs one sweep now (tests, and after Redis was lost). */
    sweep: () => (running = running.then(sweep)),
    async stop() {
      stopped = true;
      clearInterval(interval);
      await Promise.all(consumers.map((c) => c.close()));
      await running.catch(() => undefined);
    },
  };
}

/** Fires a timer if its row still exists; a job for a timer moved later (heartbeat) is stale unless `leased`. */
async function fireTimer(
  targets: LoopTargets,
  executionArn: string,
  timer: string,
  leased = false,
): Promise<void> {
  if (leased) {
    await targets.signal(executionArn, { type: "TimerFired", timer }, timer);
    return;
  }
  const { rows } = await targets.sql.query<{ due_ms: number }>(
    "SELECT (extract(epoch from due_at) * 1000)::float8 AS due_ms FROM timers WHERE execution_arn = $1 AND timer = $2",
    [executionArn, timer],
  );
  const row = rows[0];
  if (!row) return; // cancelled or already fired
  if (row.due_ms > Date.now() + 50) return; // moved later: its newer job will fire it
  await targets.signal(executionArn, { type: "TimerFired", timer }, timer);
}

function checkedReport(report: TaskReport): Signal {
  if (report.type !== "TaskSucceeded") return report;
  // A Distributed Map's items are read whole, as AWS reads item files far larger than a state's payload.
  if (report.purpose !== undefined)
    return { type: "TaskSucceeded", token: report.token, output: report.output };
  const bytes = Buffer.byteLength(stringifyJson(report.output ?? null)!, "utf8");
  if (bytes <= MAX_PAYLOAD_BYTES) return report;
  return {
    type: "TaskFailed",
    token: report.token,
    error: "States.DataLimitExceeded",
    cause: `The state/task returned a result with a size exceeding the maximum number of bytes service limit (${bytes} > ${MAX_PAYLOAD_BYTES}).`,
  };
}
