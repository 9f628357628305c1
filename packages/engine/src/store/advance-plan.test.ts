import { afterAll, beforeAll, expect, test } from "vitest";
import { freshDatabase, sequentialScans, type FreshDatabase } from "../../../../test/support/index.ts";
import { createPgSqlClient } from "../adapters/pg-sql-client.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { loadMigrations } from "../sql/load-migrations.ts";
import { migrate } from "../sql/migrate.ts";
import { COMMIT_ADVANCES } from "./advance-sql.ts";

// The advance statement runs as a prepared statement, so after five executions PostgreSQL plans it once for
// any parameters (a generic plan) and guesses 1,000 rows for each set-returning function of its input. Joined
// to the executions on that guess, the cheapest plan once the table held a few thousand rows was a hash join
// over a sequential scan of every execution: each advance cost time in proportion to all executions ever
// started (15 ms at 15,000). The plan must reach the executions through their primary key.

let database: FreshDatabase;
let sql: SqlClient;
beforeAll(async () => {
  database = await freshDatabase({ label: "advance_plan" });
  sql = createPgSqlClient({ url: database.url });
  await migrate(sql, await loadMigrations());
  await sql.query(
    `INSERT INTO executions (arn, state_machine_arn, definition_hash, role_arn, name, type, status, input,
                             snapshot, start_date)
     SELECT 'arn:aws:states:us-east-1:123456789012:execution:m:' || n, 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
            'hash', 'role', n::text, 'STANDARD', 'RUNNING', '{}', '{}', now()
       FROM generate_series(1, 20000) n`,
  );
  await sql.query("ANALYZE executions");
});
afterAll(async () => {
  await sql.close();
  await database.drop();
});

test("an advance reaches its executions through the primary key however many executions exist", async () => {
  const parameters = [
    "'{arn:aws:states:us-east-1:123456789012:execution:m:7}'::text[]",
    "'{1}'::int[]",
    "'{false}'::bool[]",
    "'{}'",
    "'[null]'",
    "'[null]'",
    "'[null]'",
    "'[]'",
    "'{RUNNING}'::text[]",
    "'{2}'::int[]",
    "'{3}'::int[]",
    "'{0}'::int[]",
    "'{}'::bigint[]",
    "'{}'::text[]",
    "'{}'::float8[]",
    "'{}'::bigint[]",
    "'{}'::text[]",
    "'{}'::bigint[]",
    "''",
  ];
  const scans = await sql.transaction((tx) => sequentialScans(tx, COMMIT_ADVANCES, parameters));
  expect(scans).not.toContain("executions");
});
