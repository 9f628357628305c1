import { afterAll, beforeAll, expect, test } from "vitest";
import { freshDatabase, planScans, type FreshDatabase } from "../../../../test/support/index.ts";
import { createPgSqlClient } from "../adapters/pg-sql-client.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { loadMigrations } from "../sql/load-migrations.ts";
import { migrate } from "../sql/migrate.ts";
import { RUNNING_PAGE } from "../engine/queue-recovery.ts";
import { RUNNING_CHILDREN } from "../tasks/child-executions.ts";
import { COMMIT_ADVANCES } from "./advance-sql.ts";
import { LIST_EXECUTIONS } from "./execution-sql.ts";

// Statements that look up executions must not read every execution ever started, nor every running one:
// 20,000 here, of which 10,000 are running (a backlog of waiting workflows) and 2,000 are child executions.

let database: FreshDatabase;
let sql: SqlClient;
beforeAll(async () => {
  database = await freshDatabase({ label: "execution_plans" });
  sql = createPgSqlClient({ url: database.url });
  await migrate(sql, await loadMigrations());
  await sql.query(
    `INSERT INTO executions (arn, state_machine_arn, definition_hash, role_arn, name, type, status, input,
                             snapshot, start_date, parent_token)
     SELECT 'arn:aws:states:us-east-1:123456789012:execution:m:' || n, 'arn:aws:states:us-east-1:123456789012:stateMachine:m',
            'hash', 'role', n::text, 'STANDARD', CASE WHEN n % 2 = 0 THEN 'RUNNING' ELSE 'SUCCEEDED' END, '{}',
            '{}', now(), CASE WHEN n % 10 = 0 THEN 'token-' || n END
       FROM generate_series(1, 20000) n`,
  );
  await sql.query("ANALYZE executions");
});
afterAll(async () => {
  await sql.close();
  await database.drop();
});

// The advance runs as a prepared statement, so after five executions PostgreSQL plans it once for any
// parameters (a generic plan) and guesses 1,000 rows for each set-returning function of its input. Joined to
// the executions on that guess, the cheapest plan was a hash join over a sequential scan of every execution:
// each advance cost time in proportion to all executions ever started (16 ms for a statement of 63 advances
// at 15,000).
test("an advance reaches its executions through the primary key", async () => {
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
  const scans = await sql.transaction((tx) => planScans(tx, COMMIT_ADVANCES, parameters));
  expect(scans.some((scan) => scan.includes("using executions_pkey"))).toBe(true);
  expect(scans).not.toContain("Seq Scan on executions");
});

// Without an index of its own, the lookup read every running execution (10,000 here).
test("a cancelled parent task finds its running child by its token", async () => {
  const scans = await sql.transaction((tx) => planScans(tx, RUNNING_CHILDREN, ["'token-70'"]));
  expect(scans.some((scan) => scan.includes("using executions_by_parent"))).toBe(true);
  expect(scans).not.toContain("Seq Scan on executions");
});

// With the running executions indexed by status alone, each page read and sorted all of them.
test("queue recovery reads a page of running executions in ARN order from an index", async () => {
  const scans = await sql.transaction((tx) => planScans(tx, RUNNING_PAGE, ["''", "100"]));
  expect(scans).toEqual(["Index Only Scan using executions_running on executions [(arn > $1)]"]);
});

// With the index ordered start_date descending and arn ascending, the cursor could not bound the scan: a
// page read every newer execution of the machine and dropped them.
test("a page of ListExecutions starts reading at its cursor", async () => {
  const parameters = [
    "'arn:aws:states:us-east-1:123456789012:stateMachine:m'",
    "NULL",
    "now()",
    "'arn'",
    "101",
    "NULL",
  ];
  const scans = await sql.transaction((tx) => planScans(tx, LIST_EXECUTIONS, parameters));
  expect(scans).toHaveLength(1);
  expect(scans[0]).toMatch(
    /^Index Scan using executions_by_machine_page on executions \[.*ROW\(start_date, arn\) </,
  );
});
