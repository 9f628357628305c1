import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, serviceUrl, type FreshDatabase } from "../../../../test/support/index.ts";
import { createPgSqlClient } from "../adapters/pg-sql-client.ts";
import { createPgliteSqlClient } from "../adapters/pglite-sql-client.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { loadMigrations } from "./load-migrations.ts";
import { migrate } from "./migrate.ts";
import { migrationChecksum, type Migration } from "./migration.ts";

const v1: Migration = {
  version: 1,
  name: "widgets",
  sql: "CREATE TABLE widgets (id bigserial PRIMARY KEY, name text NOT NULL);\nCREATE TABLE applied_log (version integer NOT NULL);\nINSERT INTO applied_log VALUES (1);",
};
const v2: Migration = {
  version: 2,
  name: "widget_colour",
  sql: "ALTER TABLE widgets ADD COLUMN colour text;\nINSERT INTO applied_log VALUES (2);",
};
const v3: Migration = {
  version: 3,
  name: "widget_size",
  sql: "ALTER TABLE widgets ADD COLUMN size integer;",
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

async function recorded(sql: SqlClient) {
  return (
    await sql.query<{ version: number; name: string; checksum: string; applied_at: unknown }>(
      "SELECT version, name, checksum, applied_at FROM stepflow_migrations ORDER BY version",
    )
  ).rows;
}

function migrateContract(name: string, open: () => Promise<SqlClient>): void {
  describe(`migrate on ${name}`, () => {
    test("applies pending migrations in order, records them, and applies nothing twice", async () => {
      const sql = await open();
      try {
        expect(await migrate(sql, [v1])).toEqual({ applied: [1], version: 1 });
        expect(await migrate(sql, [v1, v2])).toEqual({ applied: [2], version: 2 });
        expect(await migrate(sql, [v1, v2])).toEqual({ applied: [], version: 2 });
        const rows = await recorded(sql);
        expect(rows.map(({ version, name, checksum }) => ({ version, name, checksum }))).toEqual([
          { version: 1, name: "widgets", checksum: migrationChecksum(v1.sql) },
          { version: 2, name: "widget_colour", checksum: migrationChecksum(v2.sql) },
        ]);
        expect(rows[0]?.applied_at).toBeInstanceOf(Date);
        expect((await sql.query("SELECT version FROM applied_log ORDER BY version")).rows).toEqual([
          { version: 1 },
          { version: 2 },
        ]);
        await sql.query("INSERT INTO widgets (name, colour) VALUES ('w', 'red')");
      } finally {
        await sql.close();
      }
    });

    test("refuses to run when an applied migration was edited, changing nothing", async () => {
      const sql = await open();
      try {
        await migrate(sql, [v1]);
        const edited = { ...v1, sql: `${v1.sql}\n-- a harmless-looking comment` };
        const error = await rejection(migrate(sql, [edited, v2]));
        expect(error.message).toMatch(
          /^migration 0001_widgets was changed after it was applied to this database/,
        );
        expect(error.message).toMatch(
          /append-only: restore the file as it was and put the change in a new migration/,
        );
        expect((await recorded(sql)).map((row) => row.version)).toEqual([1]);
        // Only line endings differ: the same migration.
        expect(await migrate(sql, [{ ...v1, sql: v1.sql.replaceAll("\n", "\r\n") }])).toEqual({
          applied: [],
          version: 1,
        });
      } finally {
        await sql.close();
      }
    });

    test("refuses a database migrated by a newer version", async () => {
      const sql = await open();
      try {
        await migrate(sql, [v1, v2]);
        const error = await rejection(migrate(sql, [v1]));
        expect(error.message).toMatch(
          /has migration 0002_widget_colour applied, which this version of Stepflow does not know/,
        );
      } finally {
        await sql.close();
      }
    });

    test("applies all pending migrations or none", async () => {
      const sql = await open();
      try {
        await migrate(sql, [v1]);
        const broken: Migration = {
          version: 3,
          name: "broken",
          sql: "ALTER TABLE no_such_table ADD COLUMN x int;",
        };
        const error = await rejection(migrate(sql, [v1, v2, broken]));
        expect(error.message).toMatch(
          /^migration 0003_broken failed, so none of this run's migrations were applied: /,
        );
        expect(error.message).toContain("no_such_table");
        expect((await recorded(sql)).map((row) => row.version)).toEqual([1]);
        const { rows } = await sql.query(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'widgets' AND column_name = 'colour'",
        );
        expect(rows).toEqual([]);
        expect(await migrate(sql, [v1, v2, v3])).toEqual({ applied: [2, 3], version: 3 });
      } finally {
        await sql.close();
      }
    });

    test("rejects migrations that are not numbered 1, 2, 3, ...", async () => {
      const sql = await open();
      try {
        for (const list of [[v2], [v1, v3], [v2, v1], [v1, v1]]) {
          const error = await rejection(migrate(sql, list));
          expect(error.message).toMatch(
            /^migrations must be numbered 1, 2, 3, \.\.\. without gaps, in order/,
          );
        }
        expect((await sql.query("SELECT to_regclass('stepflow_migrations') AS t")).rows).toEqual([
          { t: null },
        ]);
      } finally {
        await sql.close();
      }
    });

    test("keeps a separately named sequence in its own table", async () => {
      const sql = await open();
      try {
        const other: Migration = { version: 1, name: "gadgets", sql: "CREATE TABLE gadgets (id int);" };
        await migrate(sql, [v1, v2]);
        expect(await migrate(sql, [other], { table: "gadget_migrations" })).toEqual({
          applied: [1],
          version: 1,
        });
        expect(await migrate(sql, [other], { table: "gadget_migrations" })).toEqual({
          applied: [],
          version: 1,
        });
        expect(await migrate(sql, [v1, v2])).toEqual({ applied: [], version: 2 });
        const rows = await sql.query<{ name: string }>("SELECT name FROM gadget_migrations");
        expect(rows.rows).toEqual([{ name: "gadgets" }]);
        expect((await recorded(sql)).map((row) => row.name)).toEqual(["widgets", "widget_colour"]);
        const bad = await rejection(migrate(sql, [other], { table: "x; DROP TABLE widgets" }));
        expect(bad.message).toMatch(/is not a lower-case SQL identifier/);
      } finally {
        await sql.close();
      }
    });

    test("applies the engine's own migrations", async () => {
      const sql = await open();
      try {
        const migrations = await loadMigrations();
        expect(migrations.length).toBeGreaterThan(0);
        const result = await migrate(sql, migrations);
        expect(result.applied).toEqual(migrations.map((migration) => migration.version));
        expect(await migrate(sql, migrations)).toEqual({ applied: [], version: migrations.length });
      } finally {
        await sql.close();
      }
    });
  });
}

migrateContract("PGlite", () => createPgliteSqlClient());

// Without DATABASE_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("PostgreSQL", () => {
  const databases: FreshDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });
  // Each test migrates from scratch: a database of its own.
  const open = async (): Promise<SqlClient> => {
    const database = await freshDatabase({ label: "migrate" });
    databases.push(database);
    return createPgSqlClient({ url: database.url, max: 2 });
  };
  migrateContract("PostgreSQL", open);

  describe("two processes starting at once", () => {
    let database: FreshDatabase;
    beforeAll(async () => {
      database = await freshDatabase({ label: "migrate_race" });
    });
    afterAll(async () => {
      await database.drop();
    });

    test("apply each migration exactly once", async () => {
      const clients = [1, 2, 3].map(() => createPgSqlClient({ url: database.url, max: 1 }));
      try {
        const slow: Migration = {
          version: 3,
          name: "slow",
          sql: "SELECT pg_sleep(0.2); INSERT INTO applied_log VALUES (3);",
        };
        const results = await Promise.all(clients.map((client) => migrate(client, [v1, v2, slow])));
        expect(results.map((result) => result.applied).sort((a, b) => b.length - a.length)).toEqual([
          [1, 2, 3],
          [],
          [],
        ]);
        expect((await clients[0]!.query("SELECT version FROM applied_log ORDER BY version")).rows).toEqual([
          { version: 1 },
          { version: 2 },
          { version: 3 },
        ]);
      } finally {
        await Promise.all(clients.map((client) => client.close()));
      }
    });
  });
});
