import { afterAll, beforeAll, expect, test } from "vitest";
import { freshDatabase, type FreshDatabase } from "../../../../test/support/index.ts";
import { createPgSqlClient } from "../adapters/pg-sql-client.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { loadMigrations } from "./load-migrations.ts";
import { migrate } from "./migrate.ts";

let database: FreshDatabase;
let sql: SqlClient;
beforeAll(async () => {
  database = await freshDatabase({ label: "outbox_clock" });
  sql = createPgSqlClient({ url: database.url });
  await migrate(sql, await loadMigrations());
});
afterAll(async () => {
  await sql.close();
  await database.drop();
});

test("an outbox row is stamped when it is written, not when its transaction began", async () => {
  // With the stamp at the transaction's start, a long transaction's rows were stale the moment they
  // committed, and the relay re-sent them while the dispatcher sent them too.
  const { started, created } = await sql.transaction(async (tx) => {
    const began = await tx.query<{ now: Date }>("SELECT now()");
    await tx.query("SELECT pg_sleep(0.3)");
    const row = await tx.query<{ created_at: Date }>(
      "INSERT INTO outbox (execution_arn, command) VALUES ('arn', '{}') RETURNING created_at",
    );
    return { started: began.rows[0]!.now, created: row.rows[0]!.created_at };
  });
  expect(created.getTime() - started.getTime()).toBeGreaterThanOrEqual(300);
});
