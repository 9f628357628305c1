import { fileURLToPath } from "node:url";
import { loadMigrations, migrate, type MigrateResult, type SqlClient } from "@stepflow/engine";

/** Where the event bus's migrations live (`src/sql/migrations`, or `dist/sql/migrations` in a build). */
export const eventMigrationsDir = fileURLToPath(new URL("./migrations/", import.meta.url));

/** The table recording the event bus's own migration sequence, apart from the engine's. */
export const EVENT_MIGRATIONS_TABLE = "stepflow_events_migrations";

/**
 * Brings the event bus's tables up to date (its own numbered migrations, recorded in
 * {@link EVENT_MIGRATIONS_TABLE}); safe to call from many processes at once.
 * @example await migrateEvents(sql);
 */
export async function migrateEvents(sql: SqlClient): Promise<MigrateResult> {
  return migrate(sql, await loadMigrations(eventMigrationsDir), { table: EVENT_MIGRATIONS_TABLE });
}
