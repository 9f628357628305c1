import { Client } from "pg";
import { describe, expect, it, vi } from "vitest";
import { closedPort, freshDatabase, serviceTest, serviceUrl } from "../support/index.ts";

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("freshDatabase without a reachable server", () => {
  it("names the URL when the port is closed", async () => {
    const url = `postgres://postgres@127.0.0.1:${await closedPort()}/test`;
    await expect(freshDatabase({ baseUrl: url })).rejects.toThrow(
      new RegExp(`^cannot connect to PostgreSQL at ${url.replaceAll(".", "\\.")}: .*ECONNREFUSED`),
    );
  });

  it("redacts the password of the URL it names", async () => {
    const port = await closedPort();
    const error = await freshDatabase({ baseUrl: `postgres://app:s3cret@127.0.0.1:${port}/test` }).catch(
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain(`postgres://app:***@127.0.0.1:${port}/test`);
    expect(String(error)).not.toContain("s3cret");
  });

  it("says what to set when DATABASE_URL is unset", async () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("CI", "");
    try {
      await expect(freshDatabase()).rejects.toThrow(/DATABASE_URL is not set.*freshPglite/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("refuses to skip under CI when DATABASE_URL is unset", () => {
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("CI", "true");
    try {
      expect(() => serviceUrl("DATABASE_URL")).toThrow(/DATABASE_URL is not set under CI/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

// DATABASE_URL decides: .ci/run always sets it (and serviceUrl throws under CI when it is missing); a
// developer without PostgreSQL sees this block reported as skipped, by name. With DATABASE_URL pointing
// at nothing, every test below fails naming that URL (the `database` fixture cannot be created).
const databaseUrl = serviceUrl("DATABASE_URL");

describe.skipIf(databaseUrl === undefined)(
  `freshDatabase on ${databaseUrl ?? "(DATABASE_URL unset)"}`,
  () => {
    serviceTest("creates a database of its own, reachable at the returned URL", async ({ database }) => {
      expect(database.name).toMatch(/^sf_fresh_database_[a-z0-9]+_[0-9a-f]{10}$/);
      const [row] = await query<{ name: string }>(database.url, "SELECT current_database() AS name");
      expect(row?.name).toBe(database.name);
    });

    serviceTest("gives every call a different, isolated database", async ({ database }) => {
      const other = await freshDatabase({ label: "other" });
      try {
        expect(other.name).not.toBe(database.name);
        await query(database.url, "CREATE TABLE only_in_first (id int)");
        const tables = await query(other.url, "SELECT 1 FROM pg_tables WHERE tablename = 'only_in_first'");
        expect(tables).toEqual([]);
      } finally {
        await other.drop();
      }
    });

    serviceTest("copies a template database", async ({ database }) => {
      const template = await freshDatabase({ label: "template" });
      try {
        await query(template.url, "CREATE TABLE migrated (id int PRIMARY KEY)");
        await query(template.url, "INSERT INTO migrated VALUES (1), (2)");
        const copy = await freshDatabase({ label: "from template", template: template.name });
        try {
          const rows = await query<{ id: number }>(copy.url, "SELECT id FROM migrated ORDER BY id");
          expect(rows).toEqual([{ id: 1 }, { id: 2 }]);
        } finally {
          await copy.drop();
        }
      } finally {
        await template.drop();
      }
      // The fixture's database was not made from the template.
      expect(await query(database.url, "SELECT 1 FROM pg_tables WHERE tablename = 'migrated'")).toEqual([]);
    });

    serviceTest("drops the database even with a connection open; a second drop is harmless", async () => {
      const scratch = await freshDatabase({ label: "scratch" });
      const lingering = new Client({ connectionString: scratch.url });
      lingering.on("error", () => {});
      await lingering.connect();
      await scratch.drop();
      await scratch.drop();
      const left = await query(databaseUrl ?? "", "SELECT 1 FROM pg_database WHERE datname = $1", [
        scratch.name,
      ]);
      expect(left).toEqual([]);
      await lingering.end().catch(() => {});
    });
  },
);
