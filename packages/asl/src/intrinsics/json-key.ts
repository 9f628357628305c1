import { splitNumber } from "lossless-json";
import type { Json } from "../json.ts";
import { isNumeric, lexemeOf } from "../json-number.ts";

/**
 * A text that is equal for two values exactly when they are equal as JSON values (object keys in any
 * order, numbers by value: `1.0` and `1` are one number), for comparing and de-duplicating items.
 */
export function jsonKey(value: Json): string {
  if (isNumeric(value)) return numberKey(lexemeOf(value));
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonKey).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${jsonKey(value[key] as Json)}`).join(",")}}`;
}

function numberKey(lexeme: string): string {
  try {
    const { sign, digits, exponent } = splitNumber(lexeme);
    return `${sign}${digits}e${exponent}`;
  } catch {
    return lexeme; // NaN or Infinity from arithmetic: no decimal form
  }
}
