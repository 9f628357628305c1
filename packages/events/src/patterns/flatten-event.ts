import { JsonNumberText } from "../json/json-number-text.ts";
import { comparableNumber, comparableOf } from "./comparable-number.ts";
import type { LeafValue } from "./matcher.ts";

/** Which element of which array a leaf sits in: pairs of (array id, index), outermost first. */
export type ArrayMembership = readonly (readonly [number, number])[];

/** One scalar of an event with its dot-joined path and array membership. */
export type EventLeaf = { readonly value: LeafValue; readonly arrays: ArrayMembership };

/** An event flattened the way event-ruler does: dot-joined path → its scalar leaves. */
export type FlatEvent = ReadonlyMap<string, readonly EventLeaf[]>;

/**
 * Flattens an event (plain JSON, or parsed text with {@link JsonNumberText} numbers) into its leaves.
 * Objects and arrays are not leaves: an empty array or object contributes nothing, so `exists` is false
 * for it, as on EventBridge.
 * @param wanted when given, only paths in it are visited: every path some pattern names and each of its
 *   dot-joined prefixes (see {@link pathPrefixes}). A rule index passes the paths of its rules, so the
 *   parts of an event no rule looks at cost nothing.
 */
export function flattenEvent(event: unknown, wanted?: ReadonlySet<string>): FlatEvent {
  const out = new Map<string, EventLeaf[]>();
  let nextArrayId = 0;
  const visit = (value: unknown, path: string, arrays: ArrayMembership): void => {
    if (Array.isArray(value)) {
      const id = nextArrayId++;
      value.forEach((element, index) => visit(element, path, [...arrays, [id, index]]));
      return;
    }
    if (typeof value === "object" && value !== null && !(value instanceof JsonNumberText)) {
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const childPath = path === "" ? key : `${path}.${key}`;
        if (wanted !== undefined && !wanted.has(childPath)) continue;
        visit((value as Record<string, unknown>)[key], childPath, arrays);
      }
      return;
    }
    const leaf = leafValue(value);
    if (leaf === undefined || path === "") return;
    const list = out.get(path);
    if (list === undefined) out.set(path, [{ value: leaf, arrays }]);
    else list.push({ value: leaf, arrays });
  };
  visit(event, "", []);
  return out;
}

function leafValue(value: unknown): LeafValue | undefined {
  if (typeof value === "string") return { kind: "string", value };
  if (value instanceof JsonNumberText) {
    return { kind: "number", text: value.text, comparable: comparableNumber(value.text) };
  }
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { kind: "number", text: String(value), comparable: comparableOf(value) }
      : undefined;
  }
  if (typeof value === "boolean") return { kind: "literal", text: value ? "true" : "false" };
  if (value === null) return { kind: "literal", text: "null" };
  return undefined;
}

/**
 * A pattern path and every dot-joined prefix of it (`a.b.c` → `a`, `a.b`, `a.b.c`): the intermediate
 * paths an event walk passes through on its way to the path's leaves, whatever dots the event's keys hold.
 */
export function pathPrefixes(path: string): string[] {
  const out: string[] = [];
  for (let dot = path.indexOf("."); dot !== -1; dot = path.indexOf(".", dot + 1))
    out.push(path.slice(0, dot));
  out.push(path);
  return out;
}
