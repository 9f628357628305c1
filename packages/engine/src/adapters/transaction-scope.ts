import { AsyncLocalStorage } from "node:async_hooks";
import { SqlError, SqlErrorCode, type SqlExecutor } from "../ports/sql-client.ts";

/**
 * Knows whether the current async call chain is inside a `transaction` callback, so a call on the client
 * itself from there fails at once instead of deadlocking (PGlite has one connection; a pool can run dry).
 */
export interface TransactionScope {
  /** Runs `fn` marked as inside a transaction; the mark is lifted when `fn` settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Throws a {@link SqlError} when called from inside a transaction callback. */
  assertOutside(method: string): void;
  /**
   * BEGIN, `fn` (marked as inside), COMMIT on one connection's `query`; on failure `rollback` runs and the
   * error is rethrown. The `tx` given to `fn` refuses statements once the transaction is over.
   */
  transact<T>(
    query: SqlExecutor["query"],
    fn: (tx: SqlExecutor) => Promise<T>,
    rollback: () => Promise<void>,
  ): Promise<T>;
}

/** Creates a {@link TransactionScope} for one client. */
export function createTransactionScope(): TransactionScope {
  const storage = new AsyncLocalStorage<{ open: boolean }>();
  let open = 0;
  return {
    async run(fn) {
      // Work the callback started may outlive it (a timer, a background loop): once the transaction is
      // over, such work may use the client again.
      const mark = { open: true };
      open++;
      try {
        return await storage.run(mark, fn);
      } finally {
        mark.open = false;
        // On Node 20 an enabled AsyncLocalStorage hooks every promise of the process (≈ 3 % of a busy
        // engine's CPU); with no transaction open there is nothing to find, so the hooks go until the next.
        if (--open === 0) storage.disable();
      }
    },
    async transact(query, fn, rollback) {
      let finished = false;
      const tx: SqlExecutor = {
        query: async (text, params) => {
          if (finished) {
            throw new SqlError(
              SqlErrorCode.Other,
              "this transaction has finished: its `tx` can no longer be used",
            );
          }
          return query(text, params);
        },
      };
      try {
        await query("BEGIN");
        const value = await this.run(() => fn(tx));
        await query("COMMIT");
        return value;
      } catch (error) {
        await rollback();
        throw error;
      } finally {
        finished = true;
      }
    },
    assertOutside(method) {
      if (storage.getStore()?.open === true) {
        throw new SqlError(
          SqlErrorCode.Other,
          `SqlClient.${method}() was called inside a transaction callback: use the callback's \`tx\` ` +
            "instead (on PGlite, which has one connection, the call would wait for the transaction forever)",
        );
      }
    },
  };
}
