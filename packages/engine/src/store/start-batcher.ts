import type { SqlClient } from "../ports/sql-client.ts";
import { INSERT_EXECUTIONS } from "./start-sql.ts";

/** One new execution as the database stores it, with what its first advance wrote. */
export interface NewExecution {
  arn: string;
  machineArn: string;
  versionArn: string | null;
  aliasArn: string | null;
  definitionHash: string;
  name: string;
  type: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  snapshot: string;
  startMs: number;
  parentToken: string | null;
  traceHeader: string | null;
  roleArn: string;
  firstEventId: number | null;
  lastEventId: number | null;
  /** History events, one JSON array. */
  events: string;
  timers: readonly { timer: string; dueAt: number }[];
  /** Outbox commands, JSON text each, in sending order. */
  commands: readonly string[];
}

/** What the insert did: false when the name was taken; the outbox rows to delete once dispatched. */
export interface Inserted {
  inserted: boolean;
  outboxIds: number[];
}

interface Waiting {
  row: NewExecution;
  resolve(result: Inserted): void;
  reject(error: unknown): void;
}

/**
 * Inserts new executions in batches: calls that arrive while earlier inserts are committing go together in
 * the next statement, so 32 concurrent starts cost a few commits instead of 32. An idle batcher sends a call
 * at once (no timer), so a lone start waits for nothing.
 */
export class StartBatcher {
  private queue: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly sql: SqlClient,
    private readonly maxBatch = 200,
    private readonly maxInFlight = 4,
  ) {}

  insert(row: NewExecution): Promise<Inserted> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /** The next batch: one call per execution ARN (a repeated start waits for the next statement). */
  private take(): Waiting[] {
    const batch: Waiting[] = [];
    const arns = new Set<string>();
    const rest: Waiting[] = [];
    for (const waiting of this.queue) {
      if (batch.length < this.maxBatch && !arns.has(waiting.row.arn)) {
        arns.add(waiting.row.arn);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    try {
      const results = await insertExecutions(
        this.sql,
        batch.map((w) => w.row),
      );
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad row must not fail the others: find it by sending each alone.
      await Promise.all(batch.map((w) => this.send([w])));
    }
  }
}

async function insertExecutions(sql: SqlClient, rows: readonly NewExecution[]): Promise<Inserted[]> {
  const column = <T>(pick: (row: NewExecution) => T): T[] => rows.map(pick);
  const timers = rows.flatMap((row) => row.timers.map((t) => ({ arn: row.arn, ...t })));
  const commands = rows.flatMap((row) => row.commands.map((command) => ({ arn: row.arn, command })));
  const { rows: out } = await sql.query<{ arn: string; outbox_id: number | string | null }>(
    INSERT_EXECUTIONS,
    [
      column((r) => r.arn),
      column((r) => r.machineArn),
      column((r) => r.versionArn),
      column((r) => r.aliasArn),
      column((r) => r.definitionHash),
      column((r) => r.name),
      column((r) => r.type),
      column((r) => r.status),
      column((r) => r.input),
      column((r) => r.output),
      column((r) => r.error),
      column((r) => r.cause),
      column((r) => r.snapshot),
      column((r) => r.startMs),
      column((r) => r.parentToken),
      column((r) => r.traceHeader),
      column((r) => r.roleArn),
      column((r) => r.firstEventId),
      column((r) => r.lastEventId),
      column((r) => r.events),
      timers.map((t) => t.arn),
      timers.map((t) => t.timer),
      timers.map((t) => t.dueAt),
      commands.map((c) => c.arn),
      commands.map((c) => c.command),
    ],
  );
  const byArn = new Map<string, number[]>();
  for (const { arn, outbox_id } of out) {
    const ids = byArn.get(arn) ?? [];
    if (outbox_id !== null) ids.push(Number(outbox_id));
    byArn.set(arn, ids);
  }
  return rows.map((row) => {
    const ids = byArn.get(row.arn);
    return { inserted: ids !== undefined, outboxIds: (ids ?? []).sort((a, b) => a - b) };
  });
}
