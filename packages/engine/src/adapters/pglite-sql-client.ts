import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import type { Results } from "@electric-sql/pglite";
import { SqlError, SqlErrorCode } from "../ports/sql-client.ts";
import type { SqlClient, SqlExecutor, SqlResult } from "../ports/sql-client.ts";
import { mapPgError } from "./map-pg-error.ts";
import { parseInt8, parseInt8Elements } from "./parse-int8.ts";
import { createSerialLock } from "./serial-lock.ts";
import { createTransactionScope } from "./transaction-scope.ts";

/** Options of {@link createPgliteSqlClient}. */
export interface PgliteSqlClientOptions {
  /** Directory holding the database (created on first use); in memory when absent. */
  dataDir?: string;
}

const int8Oid = 20;
const int8ArrayOid = 1016;

// PGlite's own int8 parser returns a bigint above 2^53; both adapters must agree (see parseInt8).
const parsers = {
  [int8Oid]: parseInt8,
  [int8ArrayOid]: (value: string): unknown =>
    parseInt8Elements(pgliteTypes.arrayParser(value, (element: string) => element, int8ArrayOid)),
};

/**
 * A {@link SqlClient} on embedded PGlite (PostgreSQL compiled to WebAssembly), in `dataDir` or in memory.
 * PGlite serves one connection, so every statement and every transaction runs under one FIFO lock: a
 * transaction's statements never interleave with anyone else's, and statements from outside wait until it
 * ends. Values come back as from {@link createPgSqlClient} (bigint as number, numeric as string, json/jsonb
 * as JS values, timestamptz as Date), and statements without parameters may hold several statements.
 * Creating a new data directory runs initdb and takes seconds.
 * @example
 * const sql = await createPgliteSqlClient({ dataDir: ".stepflow-data/pglite" });
 * await sql.transaction(async (tx) => tx.query("INSERT INTO t (id) VALUES ($1)", [1]));
 */
export async function createPgliteSqlClient(options: PgliteSqlClientOptions = {}): Promise<SqlClient> {
  const source = options.dataDir === undefined ? "PGlite (in memory)" : `PGlite in ${options.dataDir}`;
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      parsers,
    });
  } catch (error) {
    throw new SqlError(
      SqlErrorCode.Unavailable,
      `${source} could not start (${error instanceof Error ? error.message : String(error)}): ` +
        "check that the directory is writable and not used by another process",
      { cause: error },
    );
  }
  const lock = createSerialLock();
  const scope = createTransactionScope();
  let closing: Promise<void> | undefined;

  const assertOpen = (): void => {
    if (closing !== undefined) {
      throw new SqlError(SqlErrorCode.Unavailable, `${source}: this SqlClient was closed`);
    }
  };

  return {
    kind: "pglite",

    async query<R extends object>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> {
      assertOpen();
      scope.assertOutside("query");
      return lock.run(() => run<R>(db, text, params, source));
    },

    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      assertOpen();
      scope.assertOutside("transaction");
      return lock.run(() =>
        scope.transact(
          (text, params) => run(db, text, params, source),
          fn,
          // The lock is still held, so nothing else can slip into the aborted transaction before this.
          () =>
            db.query("ROLLBACK").then(
              () => undefined,
              () => undefined,
            ),
        ),
      );
    },

    close() {
      // Queued behind the lock: statements and transactions already requested finish first.
      closing ??= lock.run(async () => {
        if (!db.closed) await db.close();
      });
      return closing;
    },
  };
}

async function run<R extends object>(
  db: PGlite,
  text: string,
  params: readonly unknown[] | undefined,
  source: string,
): Promise<SqlResult<R>> {
  let results: Results[];
  try {
    // Like pg: no parameters → the simple protocol, which accepts several statements in one text.
    results =
      params === undefined || params.length === 0 ? await db.exec(text) : [await db.query(text, [...params])];
  } catch (error) {
    throw mapPgError(error, source);
  }
  const last = results[results.length - 1];
  // PGlite, like pg, reports no count for DDL.
  return { rows: (last?.rows ?? []) as R[], rowCount: last?.rowCount ?? 0 };
}
