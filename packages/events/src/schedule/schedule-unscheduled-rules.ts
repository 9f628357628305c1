import type { SqlClient } from "@stepflow/engine";
import { firstDueAt } from "./due-times.ts";
import { ADVANCE_RULES } from "./fire-due-rules.ts";
import { parseScheduleExpression } from "./schedule-expression.ts";

/**
 * Enabled scheduled rules without a next due time: stored before schedules fired (migration 2 cannot compute
 * cron times in SQL) or by an older process, or cron expressions whose years are over. Locked so two
 * starting processes do not both write them. Returns bus, name, schedule_expression.
 */
const LOCK_UNSCHEDULED = `
SELECT bus, name, schedule_expression FROM event_rules
 WHERE state = 'ENABLED' AND schedule_expression IS NOT NULL AND next_due_at IS NULL
   FOR NO KEY UPDATE SKIP LOCKED`;

/**
 * Gives every enabled scheduled rule that has none a next due time, as if it had been enabled at `now`.
 * Run when a bus starts; for a rule with no tick to come it finds none again, which changes nothing.
 */
export async function scheduleUnscheduledRules(sql: SqlClient, now: Date): Promise<number> {
  return sql.transaction(async (tx) => {
    const { rows } = await tx.query<{ bus: string; name: string; schedule_expression: string }>(
      LOCK_UNSCHEDULED,
    );
    const updates = rows.flatMap((row) => {
      const schedule = parseScheduleExpression(row.schedule_expression);
      const next = schedule && firstDueAt(schedule, now);
      return next === undefined ? [] : [{ bus: row.bus, name: row.name, next: next.toISOString() }];
    });
    if (updates.length === 0) return 0;
    await tx.query(ADVANCE_RULES, [
      updates.map((u) => u.bus),
      updates.map((u) => u.name),
      updates.map((u) => u.next),
    ]);
    return updates.length;
  });
}
