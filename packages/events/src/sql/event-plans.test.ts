import { afterAll, beforeAll, expect, test } from "vitest";
import { createPgSqlClient, type SqlClient } from "@stepflow/engine";
import { freshDatabase, planScans, type FreshDatabase } from "../../../../test/support/index.ts";
import { REPLAY_BATCH } from "../archive/replay-api.ts";
import { ADVANCE_RULES, TARGETS_OF_RULES } from "../schedule/fire-due-rules.ts";
import { migrateEvents } from "./migrate-events.ts";

// The event bus's batched statements, planned once for any parameters (generic plans), must read only the
// rows they need however many rules, targets and archived events there are.

let database: FreshDatabase;
let sql: SqlClient;
beforeAll(async () => {
  database = await freshDatabase({ label: "event_plans" });
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
  await sql.query(
    `INSERT INTO event_archives (name, arn, bus, event_source_arn)
     VALUES ('all', 'arn:aws:events:us-east-1:123456789012:archive/all', 'default',
             'arn:aws:events:us-east-1:123456789012:event-bus/default')`,
  );
  await sql.query(
    `INSERT INTO event_archive_events (archive, event_id, envelope, size_bytes, archived_at)
     SELECT 'all', gen_random_uuid(), '{}', 2, now() - (100000 - n) * interval '1 ms' FROM generate_series(1, 100000) n`,
  );
  await sql.query("ANALYZE event_rules; ANALYZE event_targets; ANALYZE event_archive_events");
});
afterAll(async () => {
  await sql.close();
  await database.drop();
});

test("a tick reads the targets of its rules through the primary key", async () => {
  const scans = await sql.transaction((tx) =>
    planScans(tx, TARGETS_OF_RULES, ["'{default}'::text[]", "'{rule-7}'::text[]"]),
  );
  expect(scans.some((scan) => scan.startsWith("Index Scan using event_targets_pkey on event_targets"))).toBe(
    true,
  );
  expect(scans).not.toContain("Seq Scan on event_targets");
});

test("a tick moves its rules' due times through the primary key", async () => {
  const scans = await sql.transaction((tx) =>
    planScans(tx, ADVANCE_RULES, ["'{default}'::text[]", "'{rule-7}'::text[]", "'{NULL}'::timestamptz[]"]),
  );
  expect(scans.some((scan) => scan.startsWith("Index Scan using event_rules_pkey on event_rules"))).toBe(
    true,
  );
  expect(scans).not.toContain("Seq Scan on event_rules");
});

// With the cursor as a filter, each batch read every event from the start of the range again.
test("a replay batch starts reading at its cursor", async () => {
  const parameters = [
    "'all'",
    "now() - interval '1 hour'",
    "now()",
    "now() - interval '5 seconds'",
    "gen_random_uuid()",
  ];
  const scans = await sql.transaction((tx) => planScans(tx, REPLAY_BATCH, parameters));
  expect(scans).toHaveLength(2);
  expect(scans[1]).toMatch(/^Index Scan using event_archive_events_pkey on event_archive_events/);
  expect(scans[0]).toMatch(
    /using event_archive_events_time on event_archive_events \[.*ROW\(archived_at, event_id\) >/,
  );
});
