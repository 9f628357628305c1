import { SqlError, SqlErrorCode } from "../ports/sql-client.ts";

// Class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot connect now) and 53300
// (too many connections): the statement may well succeed against the same server a little later.
const unavailableSqlState = /^(08...|57P0[123]|53300)$/;
const sqlStateShape = /^[0-9A-Z]{5}$/;
// Node's socket errors: the server is not (or no longer) reachable.
const unavailableErrno = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
// pg reports a dropped or timed-out connection with plain Errors and no code.
const unavailableMessage =
  /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/;

/**
 * Turns an error thrown by `pg` or PGlite into a {@link SqlError}: SQLSTATE 23505 → UniqueViolation (with
 * the constraint), 40001/40P01 → SerializationFailure, refused/dropped connections and SQLSTATE 08xxx,
 * 57P01-57P03, 53300 → Unavailable (the message names `source`, which must not contain a password), and
 * everything else → Other. A {@link SqlError} passes through unchanged.
 */
export function mapPgError(error: unknown, source: string): SqlError {
  if (error instanceof SqlError) return error;
  const code = stringField(error, "code");
  const sqlState = code !== undefined && sqlStateShape.test(code) ? code : undefined;
  const message = describeError(error);
  const details = sqlState === undefined ? { cause: error } : { sqlState, cause: error };

  if (sqlState === "23505") {
    const constraint = stringField(error, "constraint");
    return new SqlError(
      SqlErrorCode.UniqueViolation,
      message,
      constraint === undefined ? details : { ...details, constraint },
    );
  }
  if (sqlState === "40001" || sqlState === "40P01") {
    return new SqlError(SqlErrorCode.SerializationFailure, message, details);
  }
  if ((sqlState !== undefined && unavailableSqlState.test(sqlState)) || isConnectionFailure(error)) {
    return new SqlError(
      SqlErrorCode.Unavailable,
      `${source} is unavailable (${message}): check that the server is running and that the URL is right`,
      details,
    );
  }
  return new SqlError(SqlErrorCode.Other, message, details);
}

function isConnectionFailure(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.length > 0)
    return error.errors.every(isConnectionFailure);
  const code = stringField(error, "code");
  if (code !== undefined && unavailableErrno.has(code)) return true;
  return error instanceof Error && unavailableMessage.test(error.message);
}

// Node's connection errors are often an AggregateError with an empty message (one error per address).
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeError).join("; ");
  }
  if (error instanceof Error) {
    const code = stringField(error, "code");
    const message = error.message !== "" ? error.message : error.name;
    return code !== undefined && !message.includes(code) && !sqlStateShape.test(code)
      ? `${code}: ${message}`
      : message;
  }
  return String(error);
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" && field !== "" ? field : undefined;
}
