import { parse } from "lossless-json";
import { StatesError, StatesFailure } from "./errors.ts";
import type { Json } from "./json.ts";
import { parseJsonNumber } from "./json-number.ts";
import { hasLossyNumber } from "./json-scan.ts";

const KEEP_LAST = { parseNumber: parseJsonNumber, onDuplicateKey: keepLast };

/**
 * Parses JSON text keeping number lexemes: a number that a JavaScript number cannot print back as
 * written (`1.0`, `12345678901234567890`) becomes a JsonNumber; a duplicate key keeps its last value.
 * @throws SyntaxError for text that is not JSON.
 */
export function parseJson(text: string): Json {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return parse(text, null, KEEP_LAST) as Json; // throws, with lossless-json's message
  }
  // Most texts have no number a JavaScript number would change: JSON.parse's value is then exact.
  return hasLossyNumber(text) ? (parse(text, null, KEEP_LAST) as Json) : value;
}

/** Parses JSON text as {@link parseJson}; a syntax error becomes a States.Runtime failure naming the problem. */
export function parseJsonText(text: string): Json {
  try {
    return parseJson(text);
  } catch (error) {
    throw new StatesFailure(StatesError.Runtime, `Invalid JSON: ${(error as Error).message}`);
  }
}

function keepLast(duplicate: { newValue: unknown }): unknown {
  return duplicate.newValue;
}
