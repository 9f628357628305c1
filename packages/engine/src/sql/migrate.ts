import type { SqlClient, SqlExecutor } from "../ports/sql-client.ts";
import { migrationChecksum, type Migration } from "./migration.ts";

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Versions applied by this call, in order (empty when the schema was already current). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

// "stepflow" in ASCII as a bigint: one lock for every Stepflow process on a database. Passed as text
// because it is above 2^53.
const migrationLockKey = "8319395793566789495";

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /**
   * The table that records this sequence's versions (default `stepflow_migrations`): a package with its own
   * schema (e.g. `@stepflow/events`) keeps its own numbering 1, 2, 3, ... in its own table.
   */
  table?: string;
}

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Brings the database's schema up to date: applies the `migrations` not yet recorded in
 * `stepflow_migrations` (or `options.table`), all in one transaction under `pg_advisory_xact_lock`, so processes starting at
 * once apply each migration exactly once (the others wait, then find nothing to do). Refuses, changing
 * nothing, when an applied migration's text has changed, when the database holds a migration this code
 * does not know (it was migrated by a newer Stepflow), or when `migrations` are not numbered 1, 2, 3, ...
 * @example
 * await migrate(sql, await loadMigrations());
 */
export async function migrate(
  sql: SqlClient,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const table = options.table ?? "stepflow_migrations";
  if (!TABLE_NAME.test(table)) {
    throw new Error(`migration table "${table}" is not a lower-case SQL identifier (letters, digits, _)`);
  }
  assertNumbered(migrations);
  return sql.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [migrationLockKey]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
         version integer PRIMARY KEY,
         name text NOT NULL,
         checksum text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows: recorded } = await tx.query<{ version: number; name: string; checksum: string }>(
      `SELECT version, name, checksum FROM ${table} ORDER BY version`,
    );
    const known = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const row of recorded) {
      const migration = known.get(row.version);
      if (migration === undefined) {
        throw new Error(
          `the database has migration ${fileName(row)} applied, which this version of Stepflow does not ` +
            "know: it was migrated by a newer Stepflow. Run that version (or newer) against this database",
        );
      }
      const checksum = migrationChecksum(migration.sql);
      if (checksum !== row.checksum) {
        throw new Error(
          `migration ${fileName(migration)} was changed after it was applied to this database (checksum ` +
            `${checksum.slice(0, 12)}… instead of ${row.checksum.slice(0, 12)}…). Migrations are append-only: ` +
            "restore the file as it was and put the change in a new migration",
        );
      }
    }
    const done = new Set(recorded.map((row) => row.version));
    const pending = migrations.filter((migration) => !done.has(migration.version));
    for (const migration of pending) await apply(tx, migration, table);
    return { applied: pending.map((migration) => migration.version), version: migrations.length };
  });
}

async function apply(tx: SqlExecutor, migration: Migration, table: string): Promise<void> {
  try {
    await tx.query(migration.sql);
  } catch (error) {
    throw new Error(
      `migration ${fileName(migration)} failed, so none of this run's migrations were applied: ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
  await tx.query(`INSERT INTO ${table} (version, name, checksum) VALUES ($1, $2, $3)`, [
    migration.version,
    migration.name,
    migrationChecksum(migration.sql),
  ]);
}

function assertNumbered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migrations must be numbered 1, 2, 3, ... without gaps, in order; found ${fileName(migration)} at ` +
          `position ${index + 1}`,
      );
    }
  });
}

function fileName(migration: { version: number; name: string }): string {
  return `${String(migration.version).padStart(4, "0")}_${migration.name}`;
}
