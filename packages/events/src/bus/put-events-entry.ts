import { parseJsonText, type JsonTextValue } from "../json/parse-json-text.ts";
import { EventsError } from "./events-error.ts";

/** One event of a PutEvents request (AWS SDK member names). */
export interface PutEventsRequestEntry {
  /** When the event happened (default: when it was received); the wire's epoch seconds are accepted too. */
  Time?: Date | number;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  /** A JSON object, as text. */
  Detail?: string;
  /** A bus name or ARN (default `default`). */
  EventBusName?: string;
  TraceHeader?: string;
}

/** The result of one entry: an EventId, or why it was rejected. */
export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** PutEvents' answer: one result per entry, in order. */
export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** The most entries one PutEvents request takes. */
export const MAX_ENTRIES = 10;
/** The largest total size of a request's entries, computed as EventBridge does. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** An entry that passed validation, with its Detail parsed (numbers kept as their text). */
export interface ValidEntry {
  entry: PutEventsRequestEntry;
  detail: { [key: string]: JsonTextValue };
  time: Date | undefined;
}

/**
 * Checks one entry as PutEvents does, in its order: Source, DetailType and Detail are required, Detail must
 * be a JSON object, and sources starting with `aws.` belong to AWS services (`allowAwsSource` is for the
 * engine's own status events).
 */
export function validateEntry(
  entry: PutEventsRequestEntry,
  allowAwsSource = false,
): ValidEntry | PutEventsResultEntry {
  if (!entry.Source) return invalid("Source");
  if (!entry.DetailType) return invalid("DetailType");
  if (!entry.Detail) return invalid("Detail");
  let detail: JsonTextValue;
  try {
    detail = parseJsonText(entry.Detail);
  } catch {
    return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  }
  if (typeof detail !== "object" || detail === null || Array.isArray(detail) || !isPlain(detail)) {
    return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  }
  if (!allowAwsSource && entry.Source.startsWith("aws.")) {
    return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." };
  }
  return { entry, detail: detail as { [key: string]: JsonTextValue }, time: timeOf(entry.Time) };
}

/**
 * Checks the request as a whole: 1 to 10 entries whose total size (Time 14 bytes, Source, DetailType,
 * Detail and each Resources element in UTF-8) is at most 256 KiB.
 * @throws EventsError ValidationException
 */
export function validateRequest(entries: readonly PutEventsRequestEntry[] | undefined): void {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new EventsError(
      "ValidationException",
      "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new EventsError(
      "ValidationException",
      `1 validation error detected: Value '[${entries.map(describeEntry).join(", ")}]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
    );
  }
  let bytes = 0;
  for (const entry of entries as readonly PutEventsRequestEntry[]) bytes += entrySize(entry);
  if (bytes > MAX_REQUEST_BYTES) {
    throw new EventsError(
      "ValidationException",
      "Total size of the entries in the request is over the limit.",
    );
  }
}

/** An entry's size as EventBridge counts it against the 256 KiB limit. */
export function entrySize(entry: PutEventsRequestEntry): number {
  let bytes = entry.Time === undefined ? 0 : 14;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (typeof text === "string") bytes += Buffer.byteLength(text, "utf8");
  }
  return bytes;
}

function invalid(field: string): PutEventsResultEntry {
  return {
    ErrorCode: "InvalidArgument",
    ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  };
}

function timeOf(time: Date | number | undefined): Date | undefined {
  if (time === undefined) return undefined;
  const date = typeof time === "number" ? new Date(time * 1000) : time;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new EventsError(
      "ValidationException",
      "Parameter Time is not valid. Reason: Time must be a timestamp.",
    );
  }
  return date;
}

function isPlain(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** How AWS's length-violation message prints an entry (Java's toString of PutEventsRequestEntry). */
function describeEntry(entry: PutEventsRequestEntry): string {
  const text = (value: string | number | Date | undefined) =>
    value === undefined ? "null" : value instanceof Date ? value.toISOString() : String(value);
  return (
    `PutEventsRequestEntry(time=${text(entry.Time)}, source=${text(entry.Source)}, resources=${entry.Resources === undefined ? "null" : `[${entry.Resources.join(", ")}]`}, ` +
    `detailType=${text(entry.DetailType)}, detail=${text(entry.Detail)}, eventBusName=${text(entry.EventBusName)}, traceHeader=${text(entry.TraceHeader)})`
  );
}
