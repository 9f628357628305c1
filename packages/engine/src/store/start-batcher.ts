import type { SqlClient } from "../ports/sql-client.ts";
import { StatementBatcher } from "../sql/statement-batcher.ts";
import { documentList } from "./document-list.ts";
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

/**
 * Inserts new executions in batches: calls that arrive while earlier inserts are committing go together in
 * the next statement, so 32 concurrent starts cost a few commits instead of 32 (a {@link StatementBatcher};
 * a repeated start of one execution ARN waits for the next statement, and a refused row fails alone). While
 * one insert is in flight, the starts of one event-loop turn wait for its end and go together
 * (`coalesceTurn`): at 32 HTTP clients that halves the statements per start (about 4 rows each to 8-9), and
 * with them the CPU the process spends per start on pg and on BullMQ (one addBulk per committed statement).
 */
export class StartBatcher {
  private readonly batcher: StatementBatcher<NewExecution, Inserted>;

  constructor(sql: SqlClient, maxBatch = 200, maxInFlight = 4) {
    this.batcher = new StatementBatcher((rows) => insertExecutions(sql, rows), {
      maxBatch,
      maxInFlight,
      keyOf: (row) => row.arn,
      coalesceTurn: true,
    });
  }

  insert(row: NewExecution): Promise<Inserted> {
    return this.batcher.submit(row);
  }
}

async function insertExecutions(sql: SqlClient, rows: readonly NewExecution[]): Promise<Inserted[]> {
  const column = <T>(pick: (row: NewExecution) => T): T[] => rows.map(pick);
  const jsonColumn = (pick: (row: NewExecution) => string | null): string => JSON.stringify(rows.map(pick));
  const documents = (pick: (row: NewExecution) => string): string => documentList(rows.map(pick));
  const timers = rows.flatMap((row) => row.timers.map((t) => ({ arn: row.arn, ...t })));
  const commandStarts = rows.flatMap((row, i) => row.commands.map(() => i + 1));
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
      documents((r) => r.input),
      jsonColumn((r) => r.output),
      jsonColumn((r) => r.error),
      jsonColumn((r) => r.cause),
      documents((r) => r.snapshot),
      column((r) => r.startMs),
      column((r) => r.parentToken),
      column((r) => r.traceHeader),
      column((r) => r.roleArn),
      column((r) => r.firstEventId),
      column((r) => r.lastEventId),
      documents((r) => r.events),
      timers.map((t) => t.arn),
      timers.map((t) => t.timer),
      timers.map((t) => t.dueAt),
      commandStarts,
      documentList(rows.flatMap((row) => row.commands)),
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
