import type { Json } from "@stepflow/asl";

/** The ASL error of a task whose handler returned something that is not JSON. */
export const INVALID_RESULT_ERROR = "Stepflow.InvalidResult";

/** A handler's return value as JSON, or why it cannot be. */
export type JsonResult = { ok: true; json: Json } | { ok: false; problem: string };

/**
 * Turns a handler's return value into the task's JSON output with `JSON.stringify` semantics (`toJSON` is
 * honoured, `undefined` object members are dropped, `undefined` array items become null, a returned
 * `undefined` is null), but refuses what JSON.stringify would silently lose or choke on: functions,
 * symbols, BigInts, NaN and ±Infinity, Maps, Sets and cycles. The result is a copy: the handler may keep
 * mutating what it returned.
 */
export function jsonResult(value: unknown): JsonResult {
  if (value === undefined) return { ok: true, json: null };
  const paths = new WeakMap<object, string>();
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: unknown, key: string, member: unknown): unknown {
      const holder = typeof this === "object" && this !== null ? this : undefined;
      const parent = holder === undefined ? undefined : paths.get(holder);
      const path =
        parent === undefined
          ? "$"
          : Array.isArray(holder)
            ? `${parent}[${key}]`
            : `${parent}${memberPath(key)}`;
      const refused = refusal(member);
      if (refused !== undefined) throw new InvalidMember(`${refused} at ${path}`);
      if (typeof member === "object" && member !== null) paths.set(member, path);
      return member;
    });
  } catch (error) {
    const detail =
      error instanceof InvalidMember
        ? error.message
        : error instanceof Error
          ? error.message.replace(/\s*\n\s*/g, " ")
          : String(error);
    return {
      ok: false,
      problem:
        `The handler's result is not JSON: ${detail}. ` +
        "Return plain data (objects, arrays, strings, finite numbers, booleans, null).",
    };
  }
  // A top-level function or symbol is caught above, so JSON.stringify always produced text here.
  return { ok: true, json: JSON.parse(text ?? "null") as Json };
}

class InvalidMember extends Error {}

function refusal(member: unknown): string | undefined {
  switch (typeof member) {
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    case "bigint":
      return `a BigInt (${member.toString()}n; convert it to a string or number)`;
    case "number":
      return Number.isFinite(member) ? undefined : `${String(member)} (JSON has no such number)`;
    default:
      if (member instanceof Map) return "a Map (convert it with Object.fromEntries)";
      if (member instanceof Set) return "a Set (convert it to an array)";
      return undefined;
  }
}

function memberPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
