import { afterAll, beforeAll, expect, test } from "vitest";
import { createPgSqlClient, type SqlClient } from "@stepflow/engine";
import { freshDatabase, planScans, type FreshDatabase } from "../../../../test/support/index.ts";
import { migrateEvents } from "../sql/migrate-events.ts";
import { ADVANCE_RULES, TARGETS_OF_RULES } from "./fire-due-rules.ts";

// A scheduler tick reads the targets of the rules it fires and moves their due times. With many rules, the
// generic plan of either statement must reach them through the primary keys, not read every rule and
// target on each tick.

let database: FreshDatabase;
let sql: SqlClient;
beforeAll(async () => {
  database = await freshDatabase({ label: "scheduled_rules_plan" });
  sql = createPgSqlClient({ url: database.url });
  await migrateEvents(sql);
  await sql.query(
    "INSERT INTO event_buses (name, arn) VALUES ('default', 'arn:aws:events:us-east-1:123456789012:event-bus/default')",
  );
  await sql.query(
    `INSERT INTO event_rules (bus, name, arn, schedule_expression, state, next_due_at)
     SELECT 'default', 'rule-' || n, 'arn:aws:events:us-east-1:123456789012:rule/rule-' || n, 'rate(1 minute)',
            'ENABLED', now()
       FROM generate_series(1, 20000) n`,
  );
  await sql.query(
    `INSERT INTO event_targets (bus, rule, id, target)
     SELECT 'default', 'rule-' || n, 'target', '{}' FROM generate_series(1, 20000) n`,
  );
  await sql.query("ANALYZE event_rules; ANALYZE event_targets");
});
afterAll(async () => {
  await sql.close();
  await database.drop();
});

test("a tick reads the targets of its rules through the primary key", async () => {
  const scans = await sql.transaction((tx) =>
    planScans(tx, TARGETS_OF_RULES, ["'{default}'::text[]", "'{rule-7}'::text[]"]),
  );
  expect(scans).toContain("Index Scan using event_targets_pkey on event_targets");
  expect(scans).not.toContain("Seq Scan on event_targets");
});

test("a tick moves its rules' due times through the primary key", async () => {
  const scans = await sql.transaction((tx) =>
    planScans(tx, ADVANCE_RULES, ["'{default}'::text[]", "'{rule-7}'::text[]", "'{NULL}'::timestamptz[]"]),
  );
  expect(scans).toContain("Index Scan using event_rules_pkey on event_rules");
  expect(scans).not.toContain("Seq Scan on event_rules");
});
