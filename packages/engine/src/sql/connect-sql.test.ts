import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closedPort } from "../../../../test/support/index.ts";
import { SqlErrorCode } from "../ports/sql-client.ts";
import { connectSql } from "./connect-sql.ts";

describe("connectSql", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "stepflow-connect-sql-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test("opens PGlite in STEPFLOW_DATA_DIR (created when missing) when DATABASE_URL is unset or empty", async () => {
    const dataDir = join(root, "nested", "pglite");
    const sql = await connectSql({ DATABASE_URL: "", STEPFLOW_DATA_DIR: dataDir });
    try {
      expect(sql.kind).toBe("pglite");
      await sql.query("CREATE TABLE here (id int)");
    } finally {
      await sql.close();
    }
    const again = await connectSql({ STEPFLOW_DATA_DIR: dataDir });
    try {
      expect((await again.query("SELECT count(*) AS n FROM here")).rows).toEqual([{ n: 0 }]);
    } finally {
      await again.close();
    }
    // Two PGlite start-ups (the first creates the data directory, ≈ 7 s on an idle 2-core machine): a loaded
    // CI machine took over 20 s.
  }, 60_000);

  test("uses PostgreSQL when DATABASE_URL is set", async () => {
    const port = await closedPort();
    const sql = await connectSql({
      DATABASE_URL: `postgres://app:pw@127.0.0.1:${port}/app`,
      STEPFLOW_DATA_DIR: root,
    });
    try {
      expect(sql.kind).toBe("postgres");
      await expect(sql.query("SELECT 1")).rejects.toMatchObject({ code: SqlErrorCode.Unavailable });
    } finally {
      await sql.close();
    }
  });
});
