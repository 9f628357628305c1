import { randomUUID } from "node:crypto";
import type { JsonTextValue } from "../json/parse-json-text.ts";
import { JsonNumberText } from "../json/json-number-text.ts";
import { busNameOf } from "./event-arns.ts";
import { buildEnvelope } from "./event-envelope.ts";
import type { PendingEvent } from "./event-committer.ts";
import type { BusContext } from "./bus-context.ts";
import {
  validateEntry,
  validateRequest,
  type PutEventsRequestEntry,
  type PutEventsResponse,
  type PutEventsResultEntry,
} from "./put-events-entry.ts";

/** How the bus itself puts events (status changes, bus targets, the putEvents task). */
export interface InternalPut {
  /** Allows `aws.*` sources (the engine's `aws.states` events). */
  allowAwsSource?: boolean;
  /** Per entry, an idempotency key that wins over `detail.metadata.idempotency-key` (re-sent deliveries). */
  keys?: readonly (string | undefined)[];
}

/**
 * PutEvents: validates the request and each entry as EventBridge does, then commits every valid entry with
 * its archive copies and deliveries in one transaction and queues the deliveries. An entry whose
 * `detail.metadata.idempotency-key` was accepted on its bus in the last 24 hours is acknowledged with the
 * first event's id and not delivered again. Entries for a bus that does not exist are acknowledged and
 * dropped, as EventBridge does.
 */
export async function putEvents(
  ctx: BusContext,
  request: { Entries?: PutEventsRequestEntry[] },
  internal: InternalPut = {},
): Promise<PutEventsResponse> {
  validateRequest(request.Entries);
  const entries = request.Entries!;
  await ctx.routing.fresh();
  const results: PutEventsResultEntry[] = [];
  const pending: PendingEvent[] = [];
  const slots: number[] = [];
  const receivedAt = new Date();
  entries.forEach((entry, i) => {
    const valid = validateEntry(entry, internal.allowAwsSource === true);
    if (!("detail" in valid)) {
      results.push(valid);
      return;
    }
    const id = randomUUID();
    const bus = busNameOf(entry.EventBusName);
    results.push({ EventId: id });
    if (!ctx.routing.hasBus(bus)) return;
    const envelope = buildEnvelope(
      bus,
      {
        id,
        detailType: entry.DetailType!,
        source: entry.Source!,
        account: ctx.arns.scope.account,
        time: valid.time ?? receivedAt,
        region: ctx.arns.scope.region,
        resources: entry.Resources ?? [],
      },
      valid.detail,
      entry.Detail!,
    );
    pending.push({ envelope, idempotencyKey: internal.keys?.[i] ?? idempotencyKeyOf(valid.detail) });
    slots.push(i);
  });
  if (pending.length > 0) {
    const ids = await ctx.commits.commit(pending);
    ids.forEach((id, k) => (results[slots[k]!] = { EventId: id }));
  }
  return { FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length, Entries: results };
}

/** `detail.metadata.idempotency-key`, when it is a string or a number. */
function idempotencyKeyOf(detail: { [key: string]: JsonTextValue }): string | undefined {
  const metadata = detail.metadata;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return undefined;
  if (metadata instanceof JsonNumberText) return undefined;
  const key = metadata["idempotency-key"];
  if (typeof key === "string" && key !== "") return key;
  if (key instanceof JsonNumberText) return key.text;
  return undefined;
}
