import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshPglite, serviceTest } from "../support/index.ts";

// Each new PGlite runs initdb (seconds on this machine), hence the generous timeouts.
describe("freshPglite", () => {
  it("runs PostgreSQL in a temporary directory and removes it on close", { timeout: 60_000 }, async () => {
    const pglite = await freshPglite();
    const dataDir = pglite.dataDir;
    try {
      expect(dataDir).toBeDefined();
      expect(existsSync(dataDir ?? "")).toBe(true);
      await pglite.db.exec("CREATE TABLE item (id int PRIMARY KEY, name text)");
      await pglite.db.query("INSERT INTO item VALUES ($1, $2)", [1, "first"]);
      const { rows } = await pglite.db.query<{ id: number; name: string }>("SELECT id, name FROM item");
      expect(rows).toEqual([{ id: 1, name: "first" }]);
    } finally {
      await pglite.close();
    }
    expect(pglite.db.closed).toBe(true);
    expect(existsSync(dataDir ?? "")).toBe(false);
    await pglite.close();
  });

  it("runs in memory when asked, isolated from any other instance", { timeout: 60_000 }, async () => {
    const pglite = await freshPglite({ inMemory: true });
    try {
      expect(pglite.dataDir).toBeUndefined();
      const { rows } = await pglite.db.query<{ tables: number }>(
        "SELECT count(*)::int AS tables FROM pg_tables WHERE tablename = 'item'",
      );
      expect(rows).toEqual([{ tables: 0 }]);
    } finally {
      await pglite.close();
    }
  });
});

describe("the pglite fixture", () => {
  serviceTest("is one database shared by the file's tests", { timeout: 60_000 }, async ({ pglite }) => {
    await pglite.db.exec("CREATE TABLE shared (id int)");
    expect(pglite.dataDir).toMatch(/stepflow-pglite-/);
  });

  serviceTest("(the same instance as the test before)", async ({ pglite }) => {
    const { rows } = await pglite.db.query("SELECT 1 FROM pg_tables WHERE tablename = 'shared'");
    expect(rows).toHaveLength(1);
  });
});
