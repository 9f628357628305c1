import { randomUUID } from "node:crypto";
import type { EventBus } from "@stepflow/events";

/** The source and detail-type of the smart door's events. */
export const DOOR_SOURCE = "SmartDoor";
export const DOOR_STATUS = "Door Status";

/** The PutEvents entry the smart door sends when it opens (README shows the same with the AWS CLI). */
export function doorOpenedEntry(personId: string | undefined, idempotencyKey: string) {
  const detail = {
    state: "open",
    ...(personId === undefined ? {} : { personId }),
    metadata: { "idempotency-key": idempotencyKey },
  };
  return {
    EventBusName: "default",
    Source: DOOR_SOURCE,
    DetailType: DOOR_STATUS,
    Detail: JSON.stringify(detail),
  };
}

/** Publishes a door-open event; the same `idempotencyKey` again is acknowledged with the first event's id. */
export async function openDoor(
  bus: Pick<EventBus, "putEvents">,
  personId: string | undefined,
  idempotencyKey: string = randomUUID(),
): Promise<{ eventId: string; idempotencyKey: string }> {
  const result = await bus.putEvents({ Entries: [doorOpenedEntry(personId, idempotencyKey)] });
  const entry = result.Entries[0];
  if (result.FailedEntryCount > 0 || entry?.EventId === undefined) {
    throw new Error(
      `the bus refused the door event: ${entry?.ErrorCode ?? "?"} ${entry?.ErrorMessage ?? ""}`,
    );
  }
  return { eventId: entry.EventId, idempotencyKey };
}
