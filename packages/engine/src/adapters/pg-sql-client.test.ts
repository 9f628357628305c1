import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closedPort, freshDatabase, serviceUrl, type FreshDatabase } from "../../../../test/support/index.ts";
import { SqlError, SqlErrorCode, type SqlClient, type SqlExecutor } from "../ports/sql-client.ts";
import { createPgSqlClient } from "./pg-sql-client.ts";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** A promise and its resolve function, to hold one transaction open while another acts. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("pg SqlClient when the server cannot be reached", () => {
  test("fails with Unavailable naming the URL without its password", async () => {
    const port = await closedPort();
    const sql = createPgSqlClient({ url: `postgres://stepflow:s3cret@127.0.0.1:${port}/stepflow` });
    try {
      for (const attempt of [sql.query("SELECT 1"), sql.transaction((tx) => tx.query("SELECT 1"))]) {
        const error = await rejection(attempt);
        expect(error).toBeInstanceOf(SqlError);
        expect(error).toMatchObject({ code: SqlErrorCode.Unavailable });
        const message = (error as Error).message;
        expect(message).toContain(
          `PostgreSQL at postgres://stepflow:***@127.0.0.1:${port}/stepflow is unavailable`,
        );
        expect(message).toContain("ECONNREFUSED");
        expect(message).not.toContain("s3cret");
      }
    } finally {
      await sql.close();
    }
  });
});

// Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("pg SqlClient on PostgreSQL", () => {
  let database: FreshDatabase;
  let sql: SqlClient;
  let peer: SqlClient;
  const idleErrors: SqlError[] = [];
  beforeAll(async () => {
    database = await freshDatabase({ label: "pg_sql_client" });
    sql = createPgSqlClient({ url: database.url, max: 4, onIdleError: (error) => idleErrors.push(error) });
    peer = createPgSqlClient({ url: database.url, max: 2 });
  });
  afterAll(async () => {
    await sql.close();
    await peer.close();
    await database.drop();
  });

  test("drops idle connections the server kills, reports them, and goes on with new ones", async () => {
    await Promise.all([sql.query("SELECT pg_sleep(0.05)"), sql.query("SELECT pg_sleep(0.05)")]);
    const killed = await peer.query<{ done: boolean }>(
      `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
    );
    expect(killed.rows.length).toBeGreaterThanOrEqual(1);
    // Until each killed connection has reported, the pool may still hand one out: that statement fails
    // with Unavailable, which is what the callers' retry is for.
    for (let waited = 0; idleErrors.length < killed.rows.length && waited < 2000; waited += 20)
      await tick(20);
    expect(idleErrors).toHaveLength(killed.rows.length);
    expect(idleErrors[0]).toMatchObject({ code: SqlErrorCode.Unavailable });
    expect(idleErrors[0]?.message).toContain(`PostgreSQL at ${database.url}`);
    expect((await sql.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  test("a transaction whose connection is killed fails with Unavailable, without crashing the process", async () => {
    const error = await rejection(
      sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
        await peer.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
        await tick(50);
        await tx.query("SELECT 1");
      }),
    );
    expect(error).toBeInstanceOf(SqlError);
    expect(error).toMatchObject({ code: SqlErrorCode.Unavailable });
    // The dead connection went back to the pool as broken, not as idle: later work gets live ones.
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => sql.query<{ n: number }>("SELECT $1::int AS n", [n])),
    );
    expect(results.map((result) => result.rows[0]?.n)).toEqual([1, 2, 3, 4]);
  });

  test("maps a concurrent-update conflict under REPEATABLE READ to SerializationFailure", async () => {
    await sql.query("CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL)");
    await sql.query("INSERT INTO counters VALUES (1, 0)");
    const snapshotTaken = signal();
    const otherCommitted = signal();
    const first = sql.transaction(async (tx) => {
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      await tx.query("SELECT n FROM counters WHERE id = 1");
      snapshotTaken.resolve();
      await otherCommitted.promise;
      await tx.query("UPDATE counters SET n = n + 1 WHERE id = 1");
    });
    await snapshotTaken.promise;
    await peer.query("UPDATE counters SET n = n + 10 WHERE id = 1");
    otherCommitted.resolve();
    const error = await rejection(first);
    expect(error).toMatchObject({ code: SqlErrorCode.SerializationFailure, sqlState: "40001" });
    expect((await sql.query("SELECT n FROM counters")).rows).toEqual([{ n: 10 }]);
  });

  test("maps a deadlock to SerializationFailure", async () => {
    await sql.query("CREATE TABLE pair (id integer PRIMARY KEY)");
    await sql.query("INSERT INTO pair VALUES (1), (2)");
    const bothLocked = { first: signal(), second: signal() };
    const lockInOrder = (
      client: SqlClient,
      a: number,
      b: number,
      mine: { resolve: () => void },
      theirs: Promise<void>,
    ) =>
      client.transaction(async (tx: SqlExecutor) => {
        await tx.query("SELECT id FROM pair WHERE id = $1 FOR UPDATE", [a]);
        mine.resolve();
        await theirs;
        await tx.query("SELECT id FROM pair WHERE id = $1 FOR UPDATE", [b]);
      });
    const outcomes = await Promise.allSettled([
      lockInOrder(sql, 1, 2, bothLocked.first, bothLocked.second.promise),
      lockInOrder(peer, 2, 1, bothLocked.second, bothLocked.first.promise),
    ]);
    const failures = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason).toMatchObject({
      code: SqlErrorCode.SerializationFailure,
      sqlState: "40P01",
    });
  });

  test("SKIP LOCKED passes over a row another transaction holds", async () => {
    await sql.query("CREATE TABLE jobs (id integer PRIMARY KEY)");
    await sql.query("INSERT INTO jobs VALUES (1), (2)");
    const held = signal();
    const release = signal();
    const holder = sql.transaction(async (tx) => {
      await tx.query("SELECT id FROM jobs WHERE id = 1 FOR UPDATE");
      held.resolve();
      await release.promise;
    });
    await held.promise;
    const claimed = await peer.transaction((tx) =>
      tx.query<{ id: number }>("SELECT id FROM jobs ORDER BY id FOR UPDATE SKIP LOCKED"),
    );
    release.resolve();
    await holder;
    expect(claimed.rows).toEqual([{ id: 2 }]);
  });

  test("an advisory lock held by one client is refused to another until released", async () => {
    const held = signal();
    const release = signal();
    const holder = sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(77)");
      held.resolve();
      await release.promise;
    });
    await held.promise;
    const whileHeld = await peer.query<{ got: boolean }>("SELECT pg_try_advisory_xact_lock(77) AS got");
    release.resolve();
    await holder;
    const afterwards = await peer.query<{ got: boolean }>("SELECT pg_try_advisory_xact_lock(77) AS got");
    expect([whileHeld.rows, afterwards.rows]).toEqual([[{ got: false }], [{ got: true }]]);
  });

  test("prepares a parameterised statement once per connection and reuses it", async () => {
    const text = "SELECT $1::int + 1 AS n";
    const prepared = await sql.transaction(async (tx) => {
      for (const n of [1, 2, 3])
        expect((await tx.query<{ n: number }>(text, [n])).rows).toEqual([{ n: n + 1 }]);
      const { rows } = await tx.query<{ name: string }>(
        "SELECT name FROM pg_prepared_statements WHERE statement = $1",
        [text],
      );
      return rows;
    });
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^stepflow_\d+$/);
    // A statement without parameters (possibly several, `;`-separated) goes over the simple protocol.
    expect((await sql.query<{ n: number }>("SELECT 1; SELECT 2 AS n")).rows).toEqual([{ n: 2 }]);
  });

  test("leaves pg's process-wide type parsers alone", () => {
    const parseInt8 = pg.types.getTypeParser(20, "text") as (value: string) => unknown;
    expect(parseInt8("12")).toBe("12");
  });
});
