import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Migration } from "./migration.ts";

/**
 * Where the engine's own migrations live: `src/sql/migrations` when running from source, and
 * `dist/sql/migrations` in a build (the build script copies the `.sql` files there).
 */
export const migrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files (e.g. `0001_executions.sql`) from `dir` (default {@link migrationsDir}),
 * sorted by number. Other files are ignored, except `.sql` files named otherwise, which are rejected so a
 * misnamed migration is never silently skipped; so are duplicate numbers and gaps.
 */
export async function loadMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = fileNamePattern.exec(name);
    if (match === null) {
      throw new Error(
        `${dir}: "${name}" is not a migration file name; use NNNN_name.sql (four digits, then lower-case ` +
          "letters, digits and underscores), e.g. 0002_add_timers.sql",
      );
    }
    const version = Number(match[1]);
    const expected = migrations.length + 1;
    if (version !== expected) {
      throw new Error(
        `${dir}: "${name}" is migration ${version}, but the next one must be ${expected} ` +
          "(numbers start at 0001 and have no duplicates or gaps)",
      );
    }
    migrations.push({ version, name: match[2] ?? "", sql: await readFile(join(dir, name), "utf8") });
  }
  return migrations;
}
