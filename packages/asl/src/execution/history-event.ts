import { isJsonObject, type JsonObject } from "../json.ts";
import { stringifyJson } from "../json-stringify.ts";

/**
 * One history event, shaped as GetExecutionHistory returns it: `id`, `previousEventId`, `timestamp`
 * (epoch millis here; the server formats it), `type`, and the details object under AWS's key for that type
 * (`stateEnteredEventDetails`, `taskScheduledEventDetails`, ...). Payload fields (`input`, `output`,
 * `parameters`, `assignedVariables`) hold JSON values, not the strings AWS prints: recording a state must not
 * cost two serialisations; {@link printHistoryEvent} gives the AWS text form.
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [detailsKey: `${string}EventDetails`]: JsonObject | undefined;
}

const keys = new Map<string, `${string}EventDetails` | undefined>();

/** The AWS details key for an event type (`TaskStateEntered` → `stateEnteredEventDetails`). */
export function detailsKey(type: string): `${string}EventDetails` | undefined {
  let key = keys.get(type);
  if (key === undefined && !keys.has(type)) {
    key = computeDetailsKey(type);
    keys.set(type, key);
  }
  return key;
}

function computeDetailsKey(type: string): `${string}EventDetails` | undefined {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  if (type.startsWith("MapIteration")) return `mapIteration${type.slice("MapIteration".length)}EventDetails`;
  const first = type.charAt(0).toLowerCase() + type.slice(1);
  return `${first}EventDetails`;
}

const PAYLOAD_FIELDS = ["input", "output", "parameters"] as const;

/** The event as AWS prints it: payload fields as JSON text, assigned variables as JSON text each. */
export function printHistoryEvent(event: HistoryEvent): HistoryEvent {
  const printed: HistoryEvent = { ...event };
  for (const key of Object.keys(event) as `${string}EventDetails`[]) {
    if (!key.endsWith("EventDetails")) continue;
    const details = event[key];
    if (!details) continue;
    const copy: JsonObject = { ...details };
    for (const field of PAYLOAD_FIELDS) if (field in copy) copy[field] = stringifyJson(copy[field]) as string;
    const assigned = copy.assignedVariables;
    if (isJsonObject(assigned)) {
      copy.assignedVariables = Object.fromEntries(
        Object.entries(assigned).map(([k, v]) => [k, stringifyJson(v) as string]),
      );
    }
    printed[key] = copy;
  }
  return printed;
}
