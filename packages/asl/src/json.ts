import { JsonNumber } from "./json-number.ts";
import { stringifyJson } from "./json-stringify.ts";

/** A JSON value, as carried between states. Numbers whose lexeme a `number` would lose are {@link JsonNumber}s. */
export type Json = null | boolean | number | JsonNumber | string | Json[] | JsonObject;
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** True for a plain JSON object (not an array, not null, not a JsonNumber). */
export function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber)
  );
}

/**
 * Serialises a value the way Step Functions prints it inside error causes: compact JSON, number lexemes
 * kept. Never throws (a value that cannot be serialised prints as its String form).
 */
export function jsonText(value: unknown): string {
  try {
    return stringifyJson(value) ?? "null";
  } catch {
    return String(value);
  }
}
