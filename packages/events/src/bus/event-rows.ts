import type { SqlExecutor } from "@stepflow/engine";
import type { EventTarget } from "../rules/event-target.ts";
import type { MatchedTarget } from "../rules/routing-table.ts";
import { transformTarget } from "../transform/transform-target.ts";
import type { EventEnvelope } from "./event-envelope.ts";

/** One delivery of an event to one target, as its `event_deliveries` row stores it. */
export interface DeliveryRow {
  eventId: string;
  bus: string;
  ruleArn: string;
  targetId: string;
  target: EventTarget;
  payload: string;
  replayName: string | null;
}

/** What accepting events writes: idempotency claims, the events, their archive copies, one delivery per target. */
export interface EventRows {
  /** Claimed in the same statement; the events of a claim that finds its key taken are not written. */
  claims: { bus: string; key: string; id: string }[];
  events: { id: string; bus: string }[];
  archives: { archive: string; id: string; text: string; size: number }[];
  deliveries: DeliveryRow[];
}

/** What the statement wrote: the deliveries with their ids, and for each key found taken its event's id. */
export interface InsertedRows {
  deliveries: (DeliveryRow & { id: number })[];
  /** `bus \0 key` → id of the event that holds the key (a claim of this statement lost to it). */
  taken: Map<string, string>;
}

/**
 * Claims idempotency keys and stores events, archive copies and deliveries in one statement: the function
 * `stepflow_insert_events` of migration 3 (a function so that PostgreSQL plans it once per connection).
 * Params: $1-$3 claims (bus, key, id); $4-$5 events (id, bus: their text lives in the deliveries and archive
 * copies, where it is read); $6-$9 archive copies (archive, event id, envelope, size); $10-$16 deliveries
 * (event id, bus, rule ARN index into $17, target id, target index into $18, payloads as one JSON array,
 * replay name); $17 distinct rule ARNs; $18 distinct targets; $19 lease seconds (null: due now). Returns
 * rows `kind = 'delivery'` (id, event_id, a = rule ARN, b = target id, c = replay name) and `kind = 'taken'`
 * (event_id = the holder, a = bus, b = key).
 */
const INSERT_EVENTS = `
SELECT r_kind AS kind, r_id AS id, r_event AS event_id, r_a AS a, r_b AS b, r_c AS c
  FROM stepflow_insert_events($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[],
    $8::text[], $9::int[], $10::uuid[], $11::text[], $12::int[], $13::text[], $14::int[], $15::json,
    $16::text[], $17::text[], $18::jsonb[], $19::float8)`;

export function emptyEventRows(): EventRows {
  return { claims: [], events: [], archives: [], deliveries: [] };
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

/**
 * Writes `rows` in one statement on `tx` (see INSERT_EVENTS). With `leaseSeconds` the deliveries are
 * written as held by this process for that long (it delivers them at once); otherwise they are due now.
 */
export async function insertEventRows(
  tx: SqlExecutor,
  rows: EventRows,
  leaseSeconds?: number,
): Promise<InsertedRows> {
  const taken = new Map<string, string>();
  if (rows.events.length + rows.archives.length + rows.deliveries.length === 0)
    return { deliveries: [], taken };
  const targets = new DistinctList<EventTarget>((target) => JSON.stringify(target));
  const rules = new DistinctList<string>((arn) => arn);
  const { claims, events, archives, deliveries } = rows;
  const result = await tx.query<{
    kind: string;
    id: string | null;
    event_id: string;
    a: string;
    b: string;
    c: string | null;
  }>(INSERT_EVENTS, [
    claims.map((c) => c.bus),
    claims.map((c) => c.key),
    claims.map((c) => c.id),
    events.map((e) => e.id),
    events.map((e) => e.bus),
    archives.map((a) => a.archive),
    archives.map((a) => a.id),
    archives.map((a) => a.text),
    archives.map((a) => a.size),
    deliveries.map((d) => d.eventId),
    deliveries.map((d) => d.bus),
    deliveries.map((d) => rules.indexOf(d.ruleArn)),
    deliveries.map((d) => d.targetId),
    deliveries.map((d) => targets.indexOf(d.target)),
    JSON.stringify(deliveries.map((d) => d.payload)),
    deliveries.map((d) => d.replayName),
    rules.values,
    targets.values,
    leaseSeconds ?? null,
  ]);
  const ids = new Map<string, number>();
  for (const row of result.rows) {
    if (row.kind === "taken") taken.set(`${row.a}\u0000${row.b}`, row.event_id);
    else ids.set(deliveryKey(row.event_id, row.a, row.b, row.c), Number(row.id));
  }
  const written: (DeliveryRow & { id: number })[] = [];
  for (const delivery of deliveries) {
    const id = ids.get(
      deliveryKey(delivery.eventId, delivery.ruleArn, delivery.targetId, delivery.replayName),
    );
    if (id !== undefined) written.push({ ...delivery, id });
  }
  return { deliveries: written, taken };
}

/** A delivery is unique in a statement by event, rule, target and replay. */
function deliveryKey(eventId: string, ruleArn: string, targetId: string, replayName: string | null): string {
  return `${eventId}\u0000${ruleArn}\u0000${targetId}\u0000${replayName ?? ""}`;
}

/** Values sent once per statement, referred to by their 1-based PostgreSQL array index. */
class DistinctList<T> {
  readonly values: string[] = [];
  private readonly index = new Map<T, number>();
  constructor(private readonly encode: (value: T) => string) {}

  indexOf(value: T): number {
    let index = this.index.get(value);
    if (index === undefined) {
      index = this.values.push(this.encode(value));
      this.index.set(value, index);
    }
    return index;
  }
}

function isBusArn(arn: string): boolean {
  return /^arn:aws[\w-]*:events:[\w-]*:\d*:event-bus\//.test(arn);
}
