import type { SqlClient } from "../ports/sql-client.ts";

/**
 * Deletes dispatched outbox rows in batches: many executions' rows go in one statement, off the hot path.
 * A row whose delete is lost (crash) is simply re-sent by the relay, which is harmless.
 */
export class OutboxCleaner {
  private pending: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sql: SqlClient,
    private readonly delayMs = 250,
  ) {}

  add(ids: readonly number[]): void {
    if (ids.length === 0) return;
    this.pending.push(...ids);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Deletes everything added so far. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.pending;
    this.pending = [];
    if (ids.length === 0) return this.flushing;
    this.flushing = this.flushing
      .then(() => this.sql.query("DELETE FROM outbox WHERE id = ANY ($1::bigint[])", [ids]))
      .then(
        () => undefined,
        () => undefined,
      );
    return this.flushing;
  }
}
