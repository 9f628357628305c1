import { isJsonObject } from "./json.ts";
import { JsonNumber } from "./json-number.ts";

// Converted copies by original, so a value bound again (the same input in every field) is walked once.
const converted = new WeakMap<object, unknown>();

/**
 * The value with every {@link JsonNumber} replaced by its JavaScript number, for code that knows only
 * JavaScript numbers (JSONata, worker handlers). Values without one are returned as they are (no copy).
 */
export function plainNumbers<T>(value: T): T;
export function plainNumbers(value: unknown): unknown {
  if (value instanceof JsonNumber) return value.valueOf();
  if (typeof value !== "object" || value === null) return value;
  const known = converted.get(value);
  if (known !== undefined) return known;
  let result: unknown = value;
  if (Array.isArray(value)) {
    const items = value.map(plainNumbers);
    if (items.some((item, index) => item !== value[index])) result = items;
  } else if (isJsonObject(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const plain = plainNumbers(item);
      if (plain !== item) copy ??= { ...value };
      if (copy !== undefined) copy[key] = plain;
    }
    if (copy !== undefined) result = copy;
  }
  converted.set(value, result);
  return result;
}

/** The bindings of a JSONata evaluation with plain numbers (see {@link plainNumbers}). */
export function plainBindings(bindings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(bindings)) out[key] = plainNumbers(bindings[key]);
  return out;
}
