import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { createPgSqlClient } from "../adapters/pg-sql-client.ts";
import { createPgliteSqlClient } from "../adapters/pglite-sql-client.ts";
import type { SqlClient } from "../ports/sql-client.ts";

/** The environment variables {@link connectSql} reads. */
export interface SqlEnv {
  DATABASE_URL?: string | undefined;
  STEPFLOW_DATA_DIR?: string | undefined;
}

/** Where the embedded database lives when neither DATABASE_URL nor STEPFLOW_DATA_DIR is set. */
export const defaultPgliteDir = ".stepflow-data/pglite";

/**
 * Opens the database the environment names: PostgreSQL when `DATABASE_URL` is set, otherwise embedded
 * PGlite in `STEPFLOW_DATA_DIR` (default `.stepflow-data/pglite` under the current directory), creating the
 * directory when missing. Does not migrate: call `migrate` next.
 * @example
 * const sql = await connectSql(process.env);
 */
export async function connectSql(env: SqlEnv): Promise<SqlClient> {
  if (env.DATABASE_URL !== undefined && env.DATABASE_URL !== "") {
    return createPgSqlClient({ url: env.DATABASE_URL });
  }
  const dataDir = resolve(
    env.STEPFLOW_DATA_DIR !== undefined && env.STEPFLOW_DATA_DIR !== ""
      ? env.STEPFLOW_DATA_DIR
      : defaultPgliteDir,
  );
  await mkdir(dataDir, { recursive: true });
  return createPgliteSqlClient({ dataDir });
}
