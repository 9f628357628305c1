import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { loadMigrations, migrationsDir } from "./load-migrations.ts";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "stepflow-migrations-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe("loadMigrations", () => {
  test("reads NNNN_name.sql files in number order and ignores other files", async () => {
    const dir = await dirWith({
      "0002_add_timers.sql": "ALTER TABLE t ADD COLUMN due timestamptz;",
      "0001_init.sql": "CREATE TABLE t (id int);",
      "README.md": "not a migration",
    });
    expect(await loadMigrations(dir)).toEqual([
      { version: 1, name: "init", sql: "CREATE TABLE t (id int);" },
      { version: 2, name: "add_timers", sql: "ALTER TABLE t ADD COLUMN due timestamptz;" },
    ]);
  });

  test.each([
    [
      { "0001_init.sql": "", "2_second.sql": "" },
      /"2_second\.sql" is not a migration file name; use NNNN_name\.sql/,
    ],
    [{ "0001_Init.sql": "" }, /"0001_Init\.sql" is not a migration file name/],
    [
      { "0001_init.sql": "", "0003_third.sql": "" },
      /"0003_third\.sql" is migration 3, but the next one must be 2/,
    ],
    [
      { "0001_init.sql": "", "0001_again.sql": "" },
      /"0001_init\.sql" is migration 1, but the next one must be 2/,
    ],
    [{ "0002_init.sql": "" }, /is migration 2, but the next one must be 1/],
  ])("rejects %o", async (files, message) => {
    await expect(loadMigrations(await dirWith(files))).rejects.toThrow(message);
  });

  test("finds the engine's own migrations next to the module", async () => {
    expect(migrationsDir).toMatch(/[/\\]sql[/\\]migrations[/\\]$/);
    const migrations = await loadMigrations();
    expect(migrations[0]?.version).toBe(1);
  });
});
