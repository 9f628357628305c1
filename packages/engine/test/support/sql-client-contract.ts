import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlError, SqlErrorCode, type SqlClient } from "../../src/ports/sql-client.ts";

/** Opens a new client on the database under test; the suite closes every client it opens. */
export type OpenSqlClient = () => Promise<SqlClient>;

let tableCounter = 0;
/** A table name no other test of the run uses. */
function table(label: string): string {
  tableCounter += 1;
  return `contract_${label}_${tableCounter}`;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every {@link SqlClient} adapter shares, so the execution store's SQL runs the same on
 * PostgreSQL and PGlite: parameters, value types (jsonb, bigint, numeric, timestamptz), transactions,
 * error mapping, row locking, advisory locks and closing.
 */
export function sqlClientContract(kind: SqlClient["kind"], open: OpenSqlClient): void {
  describe(`SqlClient contract: ${kind}`, () => {
    let sql: SqlClient;
    beforeAll(async () => {
      sql = await open();
    });
    afterAll(async () => {
      await sql.close();
    });

    test("reports its kind", () => {
      expect(sql.kind).toBe(kind);
    });

    test("runs parameterised statements and counts rows", async () => {
      const t = table("params");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY, name text, flag boolean)`);
      const insert = await sql.query(`INSERT INTO ${t} (id, name, flag) VALUES ($1, $2, $3), ($4, $5, $6)`, [
        1,
        "one",
        true,
        2,
        'it\'s "two"',
        null,
      ]);
      expect(insert.rowCount).toBe(2);
      const update = await sql.query(`UPDATE ${t} SET flag = $1 WHERE id >= $2`, [false, 1]);
      expect(update.rowCount).toBe(2);
      const select = await sql.query<{ id: number; name: string; flag: boolean | null }>(
        `SELECT id, name, flag FROM ${t} WHERE name = ANY($1::text[]) ORDER BY id`,
        [["one", 'it\'s "two"']],
      );
      expect(select).toEqual({
        rows: [
          { id: 1, name: "one", flag: false },
          { id: 2, name: 'it\'s "two"', flag: false },
        ],
        rowCount: 2,
      });
      const ddl = await sql.query(`DROP TABLE ${t}`);
      expect(ddl).toEqual({ rows: [], rowCount: 0 });
    });

    test("runs several statements in one text without parameters and returns the last result", async () => {
      const t = table("multi");
      const result = await sql.query<{ n: number }>(
        `CREATE TABLE ${t} (n integer); INSERT INTO ${t} VALUES (1), (2); SELECT sum(n)::integer AS n FROM ${t}`,
      );
      expect(result).toEqual({ rows: [{ n: 3 }], rowCount: 1 });
    });

    test("takes jsonb parameters as JSON text and returns JS values", async () => {
      const t = table("jsonb");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY, doc jsonb, j json)`);
      const docs = [
        {
          nested: { list: [1, 2.5, -3e-7, "x", null, true], empty: {} },
          unicode: "żółw 🐢",
          big: 2 ** 53 - 1,
        },
        [1, [2, [3]]],
        "just a string",
        42,
        null,
      ];
      for (const [index, doc] of docs.entries()) {
        await sql.query(`INSERT INTO ${t} (id, doc, j) VALUES ($1, $2::jsonb, $3::json)`, [
          index,
          JSON.stringify(doc),
          JSON.stringify(doc),
        ]);
      }
      await sql.query(`INSERT INTO ${t} (id, doc, j) VALUES ($1, NULL, NULL)`, [docs.length]);
      const { rows } = await sql.query<{ doc: unknown; j: unknown }>(`SELECT doc, j FROM ${t} ORDER BY id`);
      expect(rows.map((row) => row.doc)).toEqual([...docs, null]);
      expect(rows.map((row) => row.j)).toEqual([...docs, null]);
      // JSON null and SQL NULL stay distinguishable.
      const { rows: kinds } = await sql.query<{ kind: string | null }>(
        `SELECT jsonb_typeof(doc) AS kind FROM ${t} WHERE id >= $1 ORDER BY id`,
        [docs.length - 1],
      );
      expect(kinds).toEqual([{ kind: "null" }, { kind: null }]);
    });

    test("returns bigint as a JS number, numeric as a string and timestamptz as a Date", async () => {
      const t = table("types");
      await sql.query(`CREATE TABLE ${t} (id bigserial PRIMARY KEY, counter bigint NOT NULL)`);
      const { rows: inserted } = await sql.query<{ id: number }>(
        `INSERT INTO ${t} (counter) VALUES ($1), ($2) RETURNING id`,
        [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER],
      );
      expect(inserted).toEqual([{ id: 1 }, { id: 2 }]);
      const { rows } = await sql.query<Record<string, unknown>>(
        `SELECT (SELECT count(*) FROM ${t}) AS n, (SELECT max(counter) FROM ${t}) AS max,
                (SELECT min(counter) FROM ${t}) AS min, ARRAY[1, NULL, 3]::bigint[] AS list,
                '{{1,2},{3,4}}'::bigint[] AS grid, NULL::bigint AS nothing, 12.50::numeric AS amount,
                $1::timestamptz AS at, 7::integer AS small`,
        ["2024-02-29T23:59:59.123Z"],
      );
      expect(rows).toEqual([
        {
          n: 2,
          max: Number.MAX_SAFE_INTEGER,
          min: -Number.MAX_SAFE_INTEGER,
          list: [1, null, 3],
          grid: [
            [1, 2],
            [3, 4],
          ],
          nothing: null,
          amount: "12.50",
          at: new Date("2024-02-29T23:59:59.123Z"),
          small: 7,
        },
      ]);
    });

    test("rejects a bigint beyond 2^53 instead of losing digits, and keeps working", async () => {
      const error = await rejection(sql.query("SELECT 9007199254740993::bigint AS n"));
      expect(error).toBeInstanceOf(SqlError);
      expect(error).toMatchObject({ code: SqlErrorCode.Other });
      expect((error as Error).message).toMatch(/9007199254740993.*safe integer/);
      expect((await sql.query("SELECT '9007199254740993'::bigint::text AS n")).rows).toEqual([
        { n: "9007199254740993" },
      ]);
    });

    test("commits a transaction that resolves and returns its value", async () => {
      const t = table("commit");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY)`);
      const value = await sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${t} VALUES ($1)`, [1]);
        await tx.query(`INSERT INTO ${t} VALUES ($1)`, [2]);
        return (await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n;
      });
      expect(value).toBe(2);
      expect((await sql.query(`SELECT id FROM ${t} ORDER BY id`)).rows).toEqual([{ id: 1 }, { id: 2 }]);
    });

    test("rolls back a transaction that throws and rethrows the same error", async () => {
      const t = table("rollback");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY)`);
      const thrown = new Error("the callback failed");
      const error = await rejection(
        sql.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${t} VALUES ($1)`, [1]);
          throw thrown;
        }),
      );
      expect(error).toBe(thrown);
      expect((await sql.query(`SELECT id FROM ${t}`)).rows).toEqual([]);
    });

    test("maps a unique violation, naming the constraint, in a statement and in a transaction", async () => {
      const t = table("unique");
      await sql.query(`CREATE TABLE ${t} (id integer, CONSTRAINT ${t}_id_key UNIQUE (id))`);
      await sql.query(`INSERT INTO ${t} VALUES (1)`);
      const direct = await rejection(sql.query(`INSERT INTO ${t} VALUES ($1)`, [1]));
      expect(direct).toBeInstanceOf(SqlError);
      expect(direct).toMatchObject({
        code: SqlErrorCode.UniqueViolation,
        sqlState: "23505",
        constraint: `${t}_id_key`,
      });
      expect((direct as Error).message).toContain(`${t}_id_key`);

      const inTransaction = await rejection(
        sql.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${t} VALUES (2)`);
          await tx.query(`INSERT INTO ${t} VALUES (1)`);
        }),
      );
      expect(inTransaction).toMatchObject({ code: SqlErrorCode.UniqueViolation, constraint: `${t}_id_key` });
      expect((await sql.query(`SELECT id FROM ${t} ORDER BY id`)).rows).toEqual([{ id: 1 }]);
    });

    test("maps other SQL errors to Other with their SQLSTATE", async () => {
      const error = await rejection(sql.query("SELECT 1 / $1::integer AS n", [0]));
      expect(error).toBeInstanceOf(SqlError);
      expect(error).toMatchObject({ code: SqlErrorCode.Other, sqlState: "22012", constraint: undefined });
      expect((error as Error).message).toMatch(/division by zero/);
    });

    test("refuses a `tx` used after its transaction ended", async () => {
      let leaked: Parameters<Parameters<SqlClient["transaction"]>[0]>[0] | undefined;
      await sql.transaction(async (tx) => {
        leaked = tx;
        await tx.query("SELECT 1");
      });
      const error = await rejection(leaked!.query("SELECT 1"));
      expect(error).toMatchObject({ code: SqlErrorCode.Other });
      expect((error as Error).message).toMatch(/finished/);
    });

    test("refuses the client itself inside a transaction callback instead of deadlocking", async () => {
      const errors = await sql.transaction(async () => [
        await rejection(sql.query("SELECT 1")),
        await rejection(sql.transaction(() => Promise.resolve())),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(SqlError);
        expect((error as Error).message).toMatch(/inside a transaction callback: use the callback's `tx`/);
      }
      // Work the callback left behind may use the client once the transaction is over.
      let later: Promise<unknown> | undefined;
      await sql.transaction(() => {
        later = tick(10).then(() => sql.query<{ one: number }>("SELECT 1 AS one"));
        return Promise.resolve();
      });
      await expect(later).resolves.toMatchObject({ rows: [{ one: 1 }] });
      // With no transaction open the check stands down (see TransactionScope); the next one has it again.
      const again = await sql.transaction(async () => rejection(sql.query("SELECT 1")));
      expect(again).toBeInstanceOf(SqlError);
    });

    test("never lets another caller's statement see or join an open transaction", async () => {
      const t = table("isolation");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY)`);
      let inserted!: () => void;
      const rowOneInserted = new Promise<void>((resolve) => (inserted = resolve));
      const failed = sql.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${t} VALUES (1)`);
        inserted();
        await tick(30);
        await tx.query(`INSERT INTO ${t} VALUES (3)`);
        throw new Error("roll back");
      });
      // Another caller, while the transaction is open and holds row 1.
      await rowOneInserted;
      const outside = sql.query(`INSERT INTO ${t} VALUES (2)`);
      const seen = sql.query<{ id: number }>(`SELECT id FROM ${t}`);
      await expect(failed).rejects.toThrow("roll back");
      await outside;
      // Neither outside statement ran inside the transaction: one survived its rollback, one never saw row 1.
      expect((await seen).rows).not.toContainEqual({ id: 1 });
      expect((await sql.query(`SELECT id FROM ${t} ORDER BY id`)).rows).toEqual([{ id: 2 }]);
    });

    test("FOR UPDATE SKIP LOCKED hands each row to one claimer", async () => {
      const t = table("claims");
      await sql.query(`CREATE TABLE ${t} (id integer PRIMARY KEY)`);
      await sql.query(`INSERT INTO ${t} SELECT generate_series(1, 12)`);
      const claimer = async (): Promise<number[]> => {
        const claimed: number[] = [];
        for (;;) {
          const id = await sql.transaction(async (tx) => {
            const { rows } = await tx.query<{ id: number }>(
              `SELECT id FROM ${t} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            );
            const row = rows[0];
            if (row === undefined) return undefined;
            await tick(1);
            await tx.query(`DELETE FROM ${t} WHERE id = $1`, [row.id]);
            return row.id;
          });
          if (id === undefined) return claimed;
          claimed.push(id);
        }
      };
      const claims = (await Promise.all([claimer(), claimer(), claimer()])).flat();
      expect(claims.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    });

    test("takes and releases advisory locks", async () => {
      const key = 4_242_000 + tableCounter;
      const inTransaction = await sql.transaction(async (tx) => {
        await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [key]);
        return (
          await tx.query<{ n: number }>("SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'")
        ).rows[0]?.n;
      });
      expect(inTransaction).toBeGreaterThanOrEqual(1);
      const { rows } = await sql.query<{ taken: boolean; released: boolean; again: boolean }>(
        `SELECT pg_try_advisory_lock($1::bigint) AS taken, pg_advisory_unlock($1::bigint) AS released,
                pg_advisory_unlock($1::bigint) AS again`,
        [key],
      );
      expect(rows).toEqual([{ taken: true, released: true, again: false }]);
    });

    test("close() lets work already requested finish, then refuses new work; twice is fine", async () => {
      const own = await open();
      const t = table("close");
      await own.query(`CREATE TABLE ${t} (id integer PRIMARY KEY)`);
      const running = own.transaction(async (tx) => {
        await tick(30);
        await tx.query(`INSERT INTO ${t} VALUES (1)`);
        return "done";
      });
      await tick(5);
      const closed = own.close();
      await expect(running).resolves.toBe("done");
      await closed;
      await own.close();
      const error = await rejection(own.query("SELECT 1"));
      expect(error).toBeInstanceOf(SqlError);
      expect(error).toMatchObject({ code: SqlErrorCode.Unavailable });
      expect((error as Error).message).toMatch(/closed/);
      await expect(own.transaction(() => Promise.resolve())).rejects.toMatchObject({
        code: SqlErrorCode.Unavailable,
      });
    });
  });
}
