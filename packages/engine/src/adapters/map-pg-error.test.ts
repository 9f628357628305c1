import { describe, expect, test } from "vitest";
import { SqlError, SqlErrorCode } from "../ports/sql-client.ts";
import { mapPgError } from "./map-pg-error.ts";

/** An error shaped like pg's DatabaseError / PGlite's error: a message plus SQLSTATE fields. */
function databaseError(message: string, fields: Record<string, string>): Error {
  return Object.assign(new Error(message), fields);
}

function socketError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, errno: -111, syscall: "connect" });
}

const source = "PostgreSQL at postgres://app:***@db:5432/app";

describe("mapPgError", () => {
  test.each([
    [
      "unique violation",
      databaseError("duplicate key", { code: "23505", constraint: "t_pkey" }),
      SqlErrorCode.UniqueViolation,
      "23505",
    ],
    [
      "serialization failure",
      databaseError("could not serialize", { code: "40001" }),
      SqlErrorCode.SerializationFailure,
      "40001",
    ],
    [
      "deadlock",
      databaseError("deadlock detected", { code: "40P01" }),
      SqlErrorCode.SerializationFailure,
      "40P01",
    ],
    [
      "admin shutdown",
      databaseError("terminating connection", { code: "57P01" }),
      SqlErrorCode.Unavailable,
      "57P01",
    ],
    [
      "crash shutdown",
      databaseError("terminating connection", { code: "57P02" }),
      SqlErrorCode.Unavailable,
      "57P02",
    ],
    [
      "starting up",
      databaseError("the database system is starting up", { code: "57P03" }),
      SqlErrorCode.Unavailable,
      "57P03",
    ],
    [
      "connection failure",
      databaseError("connection failure", { code: "08006" }),
      SqlErrorCode.Unavailable,
      "08006",
    ],
    [
      "too many connections",
      databaseError("too many clients", { code: "53300" }),
      SqlErrorCode.Unavailable,
      "53300",
    ],
    ["query canceled", databaseError("canceling statement", { code: "57014" }), SqlErrorCode.Other, "57014"],
    ["syntax error", databaseError("syntax error", { code: "42601" }), SqlErrorCode.Other, "42601"],
    [
      "check violation",
      databaseError("violates check", { code: "23514", constraint: "c" }),
      SqlErrorCode.Other,
      "23514",
    ],
    [
      "refused",
      socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"),
      SqlErrorCode.Unavailable,
      undefined,
    ],
    ["reset", socketError("ECONNRESET", "read ECONNRESET"), SqlErrorCode.Unavailable, undefined],
    [
      "unknown host",
      socketError("ENOTFOUND", "getaddrinfo ENOTFOUND db"),
      SqlErrorCode.Unavailable,
      undefined,
    ],
    ["dropped", new Error("Connection terminated unexpectedly"), SqlErrorCode.Unavailable, undefined],
    [
      "connect timeout",
      new Error("timeout exceeded when trying to connect"),
      SqlErrorCode.Unavailable,
      undefined,
    ],
    [
      "not queryable",
      new Error("Client has encountered a connection error and is not queryable"),
      SqlErrorCode.Unavailable,
      undefined,
    ],
    ["plain error", new Error("something else"), SqlErrorCode.Other, undefined],
    ["not an error", "a string", SqlErrorCode.Other, undefined],
  ])("%s", (_, error, code, sqlState) => {
    const mapped = mapPgError(error, source);
    expect(mapped).toBeInstanceOf(SqlError);
    expect(mapped).toMatchObject({ code, sqlState });
    expect(mapped.cause).toBe(error);
    if (code === SqlErrorCode.Unavailable)
      expect(mapped.message).toMatch(/^PostgreSQL at postgres:\/\/app:\*\*\*@db:5432\/app is unavailable \(/);
    else expect(mapped.message).not.toContain(source);
  });

  test("keeps the constraint of a unique violation", () => {
    expect(
      mapPgError(databaseError("duplicate key", { code: "23505", constraint: "t_pkey" }), source).constraint,
    ).toBe("t_pkey");
  });

  test("describes Node's AggregateError of per-address connection failures", () => {
    const error = new AggregateError(
      [
        socketError("ECONNREFUSED", "connect ECONNREFUSED ::1:5432"),
        socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
      ],
      "",
    );
    const mapped = mapPgError(error, source);
    expect(mapped.code).toBe(SqlErrorCode.Unavailable);
    expect(mapped.message).toContain("connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432");
  });

  test("passes a SqlError through unchanged", () => {
    const error = new SqlError(SqlErrorCode.Other, "already mapped");
    expect(mapPgError(error, source)).toBe(error);
  });
});
