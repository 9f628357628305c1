import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlErrorCode, type SqlClient } from "../ports/sql-client.ts";
import { createPgliteSqlClient } from "./pglite-sql-client.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("PGlite SqlClient", () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await createPgliteSqlClient();
    await sql.query("CREATE TABLE journal (seq serial PRIMARY KEY, entry text NOT NULL)");
  });
  afterAll(async () => {
    await sql.close();
  });

  test("concurrent transactions and statements run one after another, never interleaved", async () => {
    const transactions = Array.from({ length: 8 }, (_, index) =>
      sql.transaction(async (tx) => {
        await tx.query("INSERT INTO journal (entry) VALUES ($1)", [`begin ${index}`]);
        // Yield to the event loop: every other caller gets a chance to run its statements now.
        await tick(index % 3);
        await tx.query("INSERT INTO journal (entry) VALUES ($1)", [`end ${index}`]);
      }),
    );
    const statements = Array.from({ length: 8 }, (_, index) =>
      sql.query("INSERT INTO journal (entry) VALUES ($1)", [`alone ${index}`]),
    );
    await Promise.all([...transactions, ...statements]);
    const { rows } = await sql.query<{ entry: string }>("SELECT entry FROM journal ORDER BY seq");
    const entries = rows.map((row) => row.entry);
    expect(entries).toHaveLength(24);
    // Each "begin i" is directly followed by its own "end i".
    entries.forEach((entry, position) => {
      if (entry.startsWith("begin ")) expect(entries[position + 1]).toBe(entry.replace("begin", "end"));
    });
    // First come, first served: the order in which the callers asked.
    expect(entries.filter((entry) => entry.startsWith("begin"))).toEqual(
      Array.from({ length: 8 }, (_, index) => `begin ${index}`),
    );
  });

  test("a failed statement does not keep the lock: the next caller runs", async () => {
    await expect(sql.query("SELECT * FROM no_such_table")).rejects.toMatchObject({ sqlState: "42P01" });
    await expect(sql.transaction(() => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect((await sql.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});

// Two PGlite start-ups in a data directory take seconds each, and many more on a loaded machine.
describe("PGlite SqlClient in a data directory", { timeout: 60_000 }, () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "stepflow-pglite-client-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("keeps committed rows across a close and a reopen", async () => {
    const dataDir = join(root, "db");
    const first = await createPgliteSqlClient({ dataDir });
    await first.query("CREATE TABLE kept (id bigint PRIMARY KEY, doc jsonb)");
    await first.transaction((tx) =>
      tx.query("INSERT INTO kept VALUES ($1, $2)", [7, JSON.stringify({ a: [1] })]),
    );
    await first.close();
    const second = await createPgliteSqlClient({ dataDir });
    try {
      expect((await second.query("SELECT id, doc FROM kept")).rows).toEqual([{ id: 7, doc: { a: [1] } }]);
    } finally {
      await second.close();
    }
  });

  test("fails to start with Unavailable naming the directory when it cannot be used", async () => {
    const notADirectory = join(root, "a-file");
    await writeFile(notADirectory, "not a database");
    const error = await createPgliteSqlClient({ dataDir: notADirectory }).then(
      async (client) => {
        await client.close();
        throw new Error("PGlite opened a regular file as its data directory");
      },
      (reason: unknown) => reason,
    );
    expect(error).toMatchObject({ code: SqlErrorCode.Unavailable });
    expect((error as Error).message).toContain(`PGlite in ${notADirectory} could not start`);
  });
});
