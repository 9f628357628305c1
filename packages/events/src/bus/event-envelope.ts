import type { JsonTextValue } from "../json/parse-json-text.ts";

/** An accepted event: its envelope as text (what targets and archives receive) and as a value (for matching). */
export interface EventEnvelope {
  id: string;
  bus: string;
  text: string;
  value: { [key: string]: JsonTextValue };
}

/** The fields of an envelope other than `detail`. */
export interface EnvelopeFields {
  id: string;
  detailType: string;
  source: string;
  account: string;
  time: Date;
  region: string;
  resources: readonly string[];
}

/**
 * Builds the EventBridge envelope `{version "0", id, detail-type, source, account, time, region, resources,
 * detail}` (time in whole seconds, as AWS prints it). `detailText` is inserted verbatim, so large numbers
 * keep their digits.
 */
export function buildEnvelope(
  bus: string,
  fields: EnvelopeFields,
  detail: { [key: string]: JsonTextValue },
  detailText: string,
): EventEnvelope {
  const head = {
    version: "0",
    id: fields.id,
    "detail-type": fields.detailType,
    source: fields.source,
    account: fields.account,
    time: eventTime(fields.time),
    region: fields.region,
    resources: [...fields.resources],
  };
  const text = `${JSON.stringify(head).slice(0, -1)},"detail":${detailText.trim()}}`;
  return { id: fields.id, bus, text, value: { ...head, detail } };
}

/** Marks an archived envelope as replayed, as EventBridge does (`replay-name` after the other fields). */
export function withReplayName(envelopeText: string, replayName: string): string {
  return `${envelopeText.trimEnd().slice(0, -1)},"replay-name":${JSON.stringify(replayName)}}`;
}

/** `2024-01-02T03:04:05Z`: EventBridge's `time`, without milliseconds. */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
