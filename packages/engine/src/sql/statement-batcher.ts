/** How a {@link StatementBatcher} groups calls. */
export interface StatementBatcherOptions<T> {
  /** Most calls in one statement (default 200). */
  maxBatch?: number;
  /** Most statements in flight at once (default 4); calls arriving meanwhile wait for the next one. */
  maxInFlight?: number;
  /**
   * Calls with the same key never share a statement (a later one waits for the next): for writes that a
   * single statement cannot apply twice, such as two inserts of one primary key.
   */
  keyOf?: (item: T) => string | undefined;
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
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

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

  private take(): Waiting<T, R>[] {
    const keyOf = this.options.keyOf;
    if (keyOf === undefined) return this.queue.splice(0, this.maxBatch);
    const batch: Waiting<T, R>[] = [];
    const keys = new Set<string>();
    const rest: Waiting<T, R>[] = [];
    for (const waiting of this.queue) {
      const key = keyOf(waiting.item);
      if (batch.length < this.maxBatch && (key === undefined || !keys.has(key))) {
        if (key !== undefined) keys.add(key);
        batch.push(waiting);
      } else rest.push(waiting);
    }
    this.queue = rest;
    return batch;
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
