import { parseJsonText, type JsonTextValue } from "../json/parse-json-text.ts";

const REQUIRED_FIELDS = ["id", "account", "source", "time", "region", "detail-type"] as const;

/** TestEventPattern's rejection of an event: AWS code ValidationException. */
export class EventValidationError extends Error {
  /** The AWS error code (`__type`). */
  readonly code = "ValidationException";
  constructor(message: string) {
    super(message);
    this.name = "EventValidationError";
  }
}

/**
 * Parses event text as TestEventPattern does: it must be a JSON object holding the envelope fields id,
 * account, source, time, region and detail-type (`resources` is documented as required but is not).
 * Numbers keep their literal text so numeric matching is exact.
 * @throws EventValidationError "Parameter Event is not valid."
 */
export function parseEvent(eventText: string): JsonTextValue {
  let event: JsonTextValue;
  try {
    event = parseJsonText(eventText);
  } catch {
    throw new EventValidationError("Parameter Event is not valid.");
  }
  if (typeof event !== "object" || event === null || Array.isArray(event) || !isPlainObject(event)) {
    throw new EventValidationError("Parameter Event is not valid.");
  }
  for (const field of REQUIRED_FIELDS) {
    if (!Object.hasOwn(event, field)) throw new EventValidationError("Parameter Event is not valid.");
  }
  return event;
}

function isPlainObject(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}
