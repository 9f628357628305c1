import type { JsonObject } from "../json.ts";

/**
 * One history event, shaped as GetExecutionHistory returns it: `id`, `previousEventId`, `timestamp`
 * (epoch millis here; the server formats it), `type`, and the details object under AWS's key for that type
 * (`stateEnteredEventDetails`, `taskScheduledEventDetails`, ...).
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [detailsKey: `${string}EventDetails`]: JsonObject | undefined;
}

/** The AWS details key for an event type (`TaskStateEntered` → `stateEnteredEventDetails`). */
export function detailsKey(type: string): `${string}EventDetails` | undefined {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  if (type.startsWith("MapIteration")) return `mapIteration${type.slice("MapIteration".length)}EventDetails`;
  const first = type.charAt(0).toLowerCase() + type.slice(1);
  return `${first}EventDetails`;
}
