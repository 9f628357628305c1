/** How a {@link StatementBatcher} groups calls. */
export interface StatementBatcherOptions<T> {
  /** Most calls in one statement (default 200). */
  maxBatch?: number;
  /** Most statements in flight at once (default 4); calls arriving meanwhile wait for the next one. */
  maxInFlight?: number;
  /**
   * Calls with the same key never share a statement, and a later one is not sent until the statement
   * carrying the earlier one has finished: for writes that a single statement cannot apply twice, such as
   * two inserts of one primary key, and whose order matters (the first StartExecution of a name wins).
   */
  keyOf?: (item: T) => string | undefined;
  /**
   * While a statement is in flight, a new call waits for the end of this event-loop turn (`setImmediate`)
   * instead of taking a free slot alone: the calls that the turn's I/O callbacks make (HTTP requests read
   * together) then share one statement, so a busy process runs fewer, larger statements and spends less
   * CPU per call. An idle batcher still sends a call at once. Default false.
   */
  coalesceTurn?: boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Group commit in the client: calls that arrive while earlier statements are committing go together in the
 * next one, so many concurrent callers cost a few round trips and commits instead of one each. An idle
 * batcher sends a call at once (there is no timer), so a lone caller waits for nothing. `run` gets a batch
 * and answers one result per item, in order; when it throws for a batch of several, each item is sent again
 * alone, so one bad call fails alone and the others still commit.
 *
 * @example
 * const deletes = new StatementBatcher<number, void>(async (ids) => {
 *   await sql.query("DELETE FROM t WHERE id = ANY($1::bigint[])", [ids]);
 *   return ids.map(() => undefined);
 * });
 * await deletes.submit(42);
 */
export class StatementBatcher<T, R> {
  private queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  /** Keys carried by the statements in flight. */
  private readonly busyKeys = new Set<string>();
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  /** A pump is scheduled for the end of this turn ({@link StatementBatcherOptions.coalesceTurn}). */
  private pumpScheduled = false;

  constructor(
    private readonly run: (items: readonly T[]) => Promise<readonly R[]>,
    private readonly options: StatementBatcherOptions<T> = {},
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  /** Resolves with `item`'s result once the statement carrying it has committed. */
  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.options.coalesceTurn !== true || this.inFlight === 0) this.pump();
      else if (!this.pumpScheduled) {
        this.pumpScheduled = true;
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      const keys = this.keysOf(batch);
      this.inFlight++;
      void this.send(batch).finally(() => {
        for (const key of keys) this.busyKeys.delete(key);
        this.inFlight--;
        this.pump();
      });
    }
  }

  private take(): Waiting<T, R>[] {
    const keyOf = this.options.keyOf;
    if (keyOf === undefined) return this.queue.splice(0, this.maxBatch);
    const batch: Waiting<T, R>[] = [];
    const rest: Waiting<T, R>[] = [];
    for (const waiting of this.queue) {
      const key = keyOf(waiting.item);
      if (batch.length < this.maxBatch && (key === undefined || !this.busyKeys.has(key))) {
        if (key !== undefined) this.busyKeys.add(key);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.queue = rest;
    return batch;
  }

  private keysOf(batch: readonly Waiting<T, R>[]): string[] {
    const keyOf = this.options.keyOf;
    if (keyOf === undefined) return [];
    return batch.flatMap((waiting) => {
      const key = keyOf(waiting.item);
      return key === undefined ? [] : [key];
    });
  }

  private async send(batch: readonly Waiting<T, R>[]): Promise<void> {
    let results: readonly R[];
    try {
      results = await this.run(batch.map((w) => w.item));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => this.send([w])));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }
}
