import { randomUUID } from "node:crypto";
import type { EventScope } from "../bus/event-arns.ts";
import { buildEnvelope, type EventEnvelope } from "../bus/event-envelope.ts";

/** `detail-type` of the events scheduled rules send, as on EventBridge. */
export const SCHEDULED_EVENT_DETAIL_TYPE = "Scheduled Event";

/**
 * The event a scheduled rule sends at its tick `tickAt`: source `aws.events`, detail-type `Scheduled Event`,
 * an empty detail, the rule as the only resource, `time` the tick (not when it was sent), and a fresh id.
 */
export function scheduledEvent(bus: string, scope: EventScope, ruleArn: string, tickAt: Date): EventEnvelope {
  return buildEnvelope(
    bus,
    {
      id: randomUUID(),
      detailType: SCHEDULED_EVENT_DETAIL_TYPE,
      source: "aws.events",
      account: scope.account,
      time: tickAt,
      region: scope.region,
      resources: [ruleArn],
    },
    {},
    "{}",
  );
}
