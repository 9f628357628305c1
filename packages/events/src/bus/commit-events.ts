import type { SqlClient, TaskQueue } from "@stepflow/engine";
import { enqueueDeliveries } from "../delivery/delivery-jobs.ts";
import type { RoutingTable } from "../rules/routing-table.ts";
import { eventTime, type EventEnvelope } from "./event-envelope.ts";
import { addDeliveries, emptyEventRows, insertEventRows, type EventRows } from "./event-rows.ts";

/** An event ready to be committed on its bus. */
export interface PendingEvent {
  envelope: EventEnvelope;
  /** Deduplicates on (bus, key) for 24 hours: `detail.metadata.idempotency-key`, or an internal key. */
  idempotencyKey?: string | undefined;
  /** Set for replayed events: they are not stored or archived again, and only `ruleArns` get them. */
  replay?: { name: string; ruleArns: ReadonlySet<string> | undefined };
}

/**
 * Claims idempotency keys; the keys already taken within 24 hours are returned with the id of the event that
 * took them. A concurrent claim of the same key waits on the unique index, then finds it taken.
 * Params: $1 JSON array of {bus, key, id}. Returns the claimed (bus, key) pairs.
 */
const CLAIM_KEYS = `
INSERT INTO event_idempotency_keys AS k (bus, key, event_id)
SELECT e->>'bus', e->>'key', (e->>'id')::uuid FROM jsonb_array_elements($1::jsonb) AS e
ON CONFLICT (bus, key) DO UPDATE SET event_id = EXCLUDED.event_id, accepted_at = now()
 WHERE k.accepted_at < now() - interval '24 hours'
RETURNING bus, key`;

/**
 * Commits `events` durably, then queues their deliveries: in one transaction the idempotency keys are claimed
 * and the events, archive copies and deliveries of the accepted ones are written. Returns, per event, the
 * EventId to report: its own, or for a duplicate the id of the event that first used the key.
 */
export async function commitEvents(
  sql: SqlClient,
  queue: TaskQueue,
  routing: RoutingTable,
  events: readonly PendingEvent[],
): Promise<string[]> {
  await routing.fresh();
  const ids = events.map((event) => event.envelope.id);
  // A key repeated inside one request: the later entries are duplicates of the first.
  const firstWithKey = new Map<string, number>();
  events.forEach((event, i) => {
    if (event.idempotencyKey === undefined) return;
    const key = `${event.envelope.bus}\u0000${event.idempotencyKey}`;
    const first = firstWithKey.get(key);
    if (first === undefined) firstWithKey.set(key, i);
    else ids[i] = ids[first]!;
  });
  const claims = [...firstWithKey].map(([, i]) => ({
    bus: events[i]!.envelope.bus,
    key: events[i]!.idempotencyKey!,
    id: events[i]!.envelope.id,
  }));
  const rowsFor = (accepted: (i: number) => boolean): EventRows => {
    const rows = emptyEventRows();
    events.forEach((event, i) => {
      if (!accepted(i)) return;
      collect(routing, event, rows);
    });
    return rows;
  };
  let deliveries: number[];
  if (claims.length === 0) {
    deliveries = await insertEventRows(
      sql,
      rowsFor(() => true),
    );
  } else {
    deliveries = await sql.transaction(async (tx) => {
      const claimed = await tx.query<{ bus: string; key: string }>(CLAIM_KEYS, [JSON.stringify(claims)]);
      const won = new Set(claimed.rows.map((row) => `${row.bus}\u0000${row.key}`));
      const lost = claims.filter((claim) => !won.has(`${claim.bus}\u0000${claim.key}`));
      if (lost.length > 0) {
        const { rows } = await tx.query<{ bus: string; key: string; event_id: string }>(
          `SELECT k.bus, k.key, k.event_id FROM event_idempotency_keys k
             JOIN jsonb_array_elements($1::jsonb) AS e ON k.bus = e->>'bus' AND k.key = e->>'key'`,
          [JSON.stringify(lost)],
        );
        const original = new Map(rows.map((row) => [`${row.bus}\u0000${row.key}`, row.event_id]));
        events.forEach((event, i) => {
          if (event.idempotencyKey === undefined) return;
          const id = original.get(`${event.envelope.bus}\u0000${event.idempotencyKey}`);
          if (id !== undefined) ids[i] = id;
        });
      }
      return insertEventRows(
        tx,
        rowsFor((i) => ids[i] === events[i]!.envelope.id),
      );
    });
  }
  await enqueueDeliveries(queue, deliveries);
  return ids;
}

function collect(routing: RoutingTable, event: PendingEvent, rows: EventRows): void {
  const { envelope, replay } = event;
  const matched = routing.match(
    envelope.bus,
    envelope.value,
    replay === undefined ? {} : { archive: false, ...(replay.ruleArns ? { ruleArns: replay.ruleArns } : {}) },
  );
  if (replay === undefined) {
    rows.events.push({ id: envelope.id, bus: envelope.bus, text: envelope.text });
    const size = Buffer.byteLength(envelope.text, "utf8");
    for (const archive of matched.archives)
      rows.archives.push({ archive, id: envelope.id, text: envelope.text, size });
  }
  addDeliveries(rows, envelope, matched.targets, {
    ingestionTime: eventTime(new Date()),
    replayName: replay?.name,
  });
}
