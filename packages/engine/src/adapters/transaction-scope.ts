import { AsyncLocalStorage } from "node:async_hooks";
import { SqlError, SqlErrorCode } from "../ports/sql-client.ts";

/**
 * Knows whether the current async call chain is inside a `transaction` callback, so a call on the client
 * itself from there fails at once instead of deadlocking (PGlite has one connection; a pool can run dry).
 */
export interface TransactionScope {
  /** Runs `fn` marked as inside a transaction; the mark is lifted when `fn` settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Throws a {@link SqlError} when called from inside a transaction callback. */
  assertOutside(method: string): void;
}

/** Creates a {@link TransactionScope} for one client. */
export function createTransactionScope(): TransactionScope {
  const storage = new AsyncLocalStorage<{ open: boolean }>();
  return {
    async run(fn) {
      // Work the callback started may outlive it (a timer, a background loop): once the transaction is
      // over, such work may use the client again.
      const mark = { open: true };
      try {
        return await storage.run(mark, fn);
      } finally {
        mark.open = false;
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
