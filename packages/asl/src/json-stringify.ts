import { stringify } from "lossless-json";
import { JsonNumber, jsonNumbersPrinted } from "./json-number.ts";

const LEXEMES = [{ test: (value: unknown) => value instanceof JsonNumber, stringify: String }];

/**
 * `JSON.stringify` that prints every {@link JsonNumber} as its lexeme. Values without one cost a plain
 * `JSON.stringify`; only when one was met is the value printed again by lossless-json.
 * @throws what `JSON.stringify` throws (a cycle, a BigInt).
 */
export function stringifyJson(value: unknown, space?: number | string): string | undefined {
  const before = jsonNumbersPrinted();
  const text = JSON.stringify(value, null, space);
  if (jsonNumbersPrinted() === before) return text;
  return stringify(value, null, space, LEXEMES);
}
