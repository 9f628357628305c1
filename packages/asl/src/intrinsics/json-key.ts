import type { Json } from "../json.ts";

/**
 * A text that is equal for two values exactly when they are equal as JSON values (object keys in any
 * order), for comparing and de-duplicating items.
 */
export function jsonKey(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonKey).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${jsonKey(value[key] as Json)}`).join(",")}}`;
}
