import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshDatabase, serviceUrl, type FreshDatabase } from "../../../../test/support/index.ts";
import { sessionPool } from "./session-pool.ts";

describe.skipIf(serviceUrl("DATABASE_URL") === undefined)("sessionPool", () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ label: "session_pool" });
  });
  afterAll(async () => {
    await database.drop();
  });

  test("every connection runs the setup before its first statement, once", async () => {
    const pool = sessionPool(
      new pg.Pool({ connectionString: database.url, max: 3 }),
      "SET enable_bitmapscan = off",
    );
    try {
      // More statements than connections, at once: new connections and reused ones alike.
      const results = await Promise.all(
        Array.from({ length: 8 }, () => pool.query<{ enable_bitmapscan: string }>("SHOW enable_bitmapscan")),
      );
      expect(results.map((result) => result.rows[0]!.enable_bitmapscan)).toEqual(Array(8).fill("off"));
      const client = await pool.connect();
      try {
        expect((await client.query("SHOW enable_bitmapscan")).rows).toEqual([{ enable_bitmapscan: "off" }]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  test("a setup that fails fails the statement and leaves no half-set-up connection behind", async () => {
    const pool = sessionPool(
      new pg.Pool({ connectionString: database.url, max: 1 }),
      "SET no_such_setting = 1",
    );
    try {
      await expect(pool.query("SELECT 1")).rejects.toThrow(/no_such_setting/);
      await expect(pool.query("SELECT 1")).rejects.toThrow(/no_such_setting/);
    } finally {
      await pool.end();
    }
  });
});
