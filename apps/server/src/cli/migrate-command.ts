import { connectSql, loadMigrations, migrate } from "@stepflow/engine";
import { describeDatabase, type BackendEnv } from "./open-backends.ts";
import type { Output } from "./validate-command.ts";

/** `stepflow migrate`: brings the database's schema up to date and says what it applied. */
export async function migrateCommand(env: BackendEnv, io: Output): Promise<number> {
  const where = describeDatabase(env);
  try {
    const sql = await connectSql(env);
    try {
      const result = await migrate(sql, await loadMigrations());
      io.out(
        result.applied.length === 0
          ? `${where}: schema already at version ${result.version}\n`
          : `${where}: applied ${result.applied.join(", ")}; schema at version ${result.version}\n`,
      );
      return 0;
    } finally {
      await sql.close();
    }
  } catch (error) {
    io.err(`${where}: migration failed: ${(error as Error).message}\n`);
    return 1;
  }
}
