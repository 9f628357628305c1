import type { SqlClient, SqlExecutor, TaskQueue } from "@stepflow/engine";
import type { EventScope } from "../bus/event-arns.ts";
import { eventTime } from "../bus/event-envelope.ts";
import { addDeliveries, emptyEventRows, insertEventRows, type EventRows } from "../bus/event-rows.ts";
import { enqueueDeliveries } from "../delivery/delivery-jobs.ts";
import type { EventTarget } from "../rules/event-target.ts";
import { nextDueAt } from "./due-times.ts";
import { parseScheduleExpression } from "./schedule-expression.ts";
import { scheduledEvent } from "./scheduled-event.ts";

/** What firing needs from the bus. */
export interface FireContext {
  sql: SqlClient;
  queue: TaskQueue;
  scope: EventScope;
}

/**
 * Takes the enabled scheduled rules due at $1, oldest first, at most $2, locking them; rows another process
 * is firing are skipped. NO KEY UPDATE, not UPDATE, so PutTargets (whose foreign key takes KEY SHARE on the
 * rule) neither waits for a tick nor makes one wait. Returns bus, name, arn, schedule_expression, due_ms.
 */
const LOCK_DUE_RULES = `
SELECT bus, name, arn, schedule_expression, (extract(epoch FROM next_due_at) * 1000)::float8 AS due_ms
  FROM event_rules
 WHERE next_due_at <= $1::timestamptz AND state = 'ENABLED' AND schedule_expression IS NOT NULL
 ORDER BY next_due_at
 LIMIT $2
   FOR NO KEY UPDATE SKIP LOCKED`;

// The rules are passed as parallel arrays and joined through `unnest`, whose row estimate is the arrays'
// length: joined to a jsonb_array_elements (guessed at 100 rows), the generic plan scanned every rule and
// every target on each tick (sql/event-plans.test.ts).

/** The targets of the rules $1 buses, $2 names, in PutTargets order. Returns bus, rule, target. */
export const TARGETS_OF_RULES = `
SELECT t.bus, t.rule, t.target FROM event_targets t
  JOIN unnest($1::text[], $2::text[]) AS r (bus, name) ON t.bus = r.bus AND t.rule = r.name
 ORDER BY t.position`;

/** Sets next_due_at of the rules $1 buses, $2 names to $3 (ISO text, or null: no tick to come). */
export const ADVANCE_RULES = `
UPDATE event_rules r SET next_due_at = u.next
  FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u (bus, name, next)
 WHERE r.bus = u.bus AND r.name = u.name`;

interface DueRule {
  bus: string;
  name: string;
  arn: string;
  schedule_expression: string;
  due_ms: number;
}

/** Rules fired per transaction: a backlog is worked off in several, so none holds its locks for long. */
const BATCH = 100;

/**
 * Fires every scheduled rule due at `now` once: for each, one `Scheduled Event` for the tick it was due at,
 * delivered to the rule's targets only, through the delivery rows PutEvents writes (retries, dead letters,
 * input transformers). The deliveries and the rule's next due time are committed in one transaction, so a
 * tick is fired exactly once however many processes fire at once, and a crash before the commit leaves it
 * due. A rule due for several ticks (no process ran) fires one and is next due after `now`.
 * Returns how many due rules it took (a rule without targets fires nothing, but its tick passes).
 */
export async function fireDueRules(ctx: FireContext, now: Date): Promise<number> {
  let fired = 0;
  for (;;) {
    const { count, deliveries } = await ctx.sql.transaction((tx) => fireBatch(tx, ctx.scope, now));
    // Queued after the commit; if this process dies first, the delivery sweeper queues them.
    await enqueueDeliveries(ctx.queue, deliveries);
    fired += count;
    if (count < BATCH) return fired;
  }
}

async function fireBatch(
  tx: SqlExecutor,
  scope: EventScope,
  now: Date,
): Promise<{ count: number; deliveries: number[] }> {
  const { rows: due } = await tx.query<DueRule>(LOCK_DUE_RULES, [now.toISOString(), BATCH]);
  if (due.length === 0) return { count: 0, deliveries: [] };
  const { rows: targetRows } = await tx.query<{ bus: string; rule: string; target: EventTarget }>(
    TARGETS_OF_RULES,
    [due.map((rule) => rule.bus), due.map((rule) => rule.name)],
  );
  const targetsOf = new Map<string, EventTarget[]>();
  for (const row of targetRows) {
    const key = `${row.bus}\u0000${row.rule}`;
    targetsOf.set(key, [...(targetsOf.get(key) ?? []), row.target]);
  }

  const rows: EventRows = emptyEventRows();
  const advances: { bus: string; name: string; next: string | null }[] = [];
  const ingestionTime = eventTime(now);
  for (const rule of due) {
    const schedule = parseScheduleExpression(rule.schedule_expression);
    // An expression stored by a laxer version that this one cannot compute is left unscheduled.
    if (schedule === undefined) {
      advances.push({ bus: rule.bus, name: rule.name, next: null });
      continue;
    }
    const dueAt = new Date(Math.round(rule.due_ms));
    const targets = targetsOf.get(`${rule.bus}\u0000${rule.name}`) ?? [];
    if (targets.length > 0) {
      const envelope = scheduledEvent(rule.bus, scope, rule.arn, dueAt);
      rows.events.push({ id: envelope.id, bus: envelope.bus });
      addDeliveries(
        rows,
        envelope,
        targets.map((target) => ({ ruleArn: rule.arn, ruleName: rule.name, target })),
        { ingestionTime },
      );
    }
    const next = nextDueAt(schedule, dueAt, now);
    advances.push({ bus: rule.bus, name: rule.name, next: next?.toISOString() ?? null });
  }
  const { deliveries } = await insertEventRows(tx, rows);
  await tx.query(ADVANCE_RULES, [
    advances.map((a) => a.bus),
    advances.map((a) => a.name),
    advances.map((a) => a.next),
  ]);
  return { count: due.length, deliveries: deliveries.map((d) => d.id) };
}
