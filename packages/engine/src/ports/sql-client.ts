/** Rows and count of one statement. */
export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

/** Runs statements; what a transaction callback receives. */
export interface SqlExecutor {
  /** Runs one parameterised statement (`$1`, `$2`, ...). */
  query<R extends object = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<R>>;
}

/**
 * The structural minimum the engine needs from PostgreSQL, shared by `pg.Pool` and embedded PGlite so the
 * store is written once. Vendor types never cross this port; adapters turn driver errors into
 * {@link SqlError}.
 */
export interface SqlClient extends SqlExecutor {
  /** "postgres" or "pglite". */
  readonly kind: "postgres" | "pglite";
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (and rethrows). */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What went wrong in the database, as the engine cares about it. */
export const SqlErrorCode = {
  UniqueViolation: "unique_violation",
  SerializationFailure: "serialization_failure",
  Unavailable: "unavailable",
  Other: "other",
} as const;
export type SqlErrorCode = (typeof SqlErrorCode)[keyof typeof SqlErrorCode];

/** A database error mapped from SQLSTATE / connection errors in one place (the adapters). */
export class SqlError extends Error {
  readonly code: SqlErrorCode;
  readonly sqlState: string | undefined;
  /** The constraint behind a unique violation, when the driver reports it. */
  readonly constraint: string | undefined;

  constructor(
    code: SqlErrorCode,
    message: string,
    details: { sqlState?: string; constraint?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SqlError";
    this.code = code;
    this.sqlState = details.sqlState;
    this.constraint = details.constraint;
  }
}
