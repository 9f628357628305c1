import type { SqlExecutor } from "@stepflow/engine";
import type { MatchedTarget } from "../rules/routing-table.ts";
import { transformTarget } from "../transform/transform-target.ts";
import type { EventEnvelope } from "./event-envelope.ts";

/** What accepting events writes: the events, their archive copies, and one delivery per target. */
export interface EventRows {
  events: { id: string; bus: string; text: string }[];
  archives: { archive: string; id: string; text: string; size: number }[];
  deliveries: {
    eventId: string;
    bus: string;
    ruleArn: string;
    targetId: string;
    target: unknown;
    payload: string;
    replayName: string | null;
  }[];
}

/**
 * Stores events, their archive copies and one delivery per matched target, in one statement.
 * Params: $1 events [{id, bus, text}], $2 archive copies [{archive, id, text, size}], $3 deliveries
 * [{eventId, bus, ruleArn, targetId, target, payload, replayName}]. Returns the delivery ids.
 */
const INSERT_EVENTS = `
WITH stored AS (
  INSERT INTO events (id, bus, envelope)
  SELECT (e->>'id')::uuid, e->>'bus', e->>'text' FROM jsonb_array_elements($1::jsonb) AS e
), archived AS (
  INSERT INTO event_archive_events (archive, event_id, envelope, size_bytes)
  SELECT a->>'archive', (a->>'id')::uuid, a->>'text', (a->>'size')::int FROM jsonb_array_elements($2::jsonb) AS a
  ON CONFLICT DO NOTHING
)
INSERT INTO event_deliveries (event_id, bus, rule_arn, target_id, target, payload, replay_name)
SELECT (d->>'eventId')::uuid, d->>'bus', d->>'ruleArn', d->>'targetId', d->'target', d->>'payload', d->>'replayName'
  FROM jsonb_array_elements($3::jsonb) AS d
RETURNING id`;

export function emptyEventRows(): EventRows {
  return { events: [], archives: [], deliveries: [] };
}

/**
 * Adds one delivery of `envelope` per target, with the payload the target's Input, InputPath or
 * InputTransformer makes of it (`ingestionTime` fills `<aws.events.event.ingestion-time>`). A target whose
 * transformed input is broken JSON gets nothing, as on AWS; a bus target gets the event itself.
 */
export function addDeliveries(
  rows: EventRows,
  envelope: EventEnvelope,
  targets: readonly MatchedTarget[],
  options: { ingestionTime: string; replayName?: string | undefined },
): void {
  for (const { ruleArn, ruleName, target } of targets) {
    let payload: string;
    if (isBusArn(target.Arn)) {
      payload = envelope.text;
    } else {
      const outcome = transformTarget(target, envelope.value, {
        ruleArn,
        ruleName,
        ingestionTime: options.ingestionTime,
      });
      if (!outcome.delivered) continue;
      payload = outcome.payload;
    }
    rows.deliveries.push({
      eventId: envelope.id,
      bus: envelope.bus,
      ruleArn,
      targetId: target.Id,
      target,
      payload,
      replayName: options.replayName ?? null,
    });
  }
}

/** Writes `rows` in one statement on `tx` and returns the new delivery ids (to queue once `tx` commits). */
export async function insertEventRows(tx: SqlExecutor, rows: EventRows): Promise<number[]> {
  if (rows.events.length + rows.archives.length + rows.deliveries.length === 0) return [];
  const result = await tx.query<{ id: string | number }>(INSERT_EVENTS, [
    JSON.stringify(rows.events),
    JSON.stringify(rows.archives),
    JSON.stringify(rows.deliveries),
  ]);
  return result.rows.map((row) => Number(row.id));
}

function isBusArn(arn: string): boolean {
  return /^arn:aws[\w-]*:events:[\w-]*:\d*:event-bus\//.test(arn);
}
