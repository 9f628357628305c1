import { integerValue, isNumeric, JsonNumber, toNumber } from "../json-number.ts";
import { fieldPath } from "./problem-path.ts";
import type { ValidationContext } from "./validation-context.ts";

/** A JSON object as the validator sees it: any own enumerable keys, values not yet checked. */
export type Fields = Record<string, unknown>;

/** True for a plain object (not an array, not null, not a JsonNumber). */
export function isFields(value: unknown): value is Fields {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber)
  );
}

/** True when `key` is an own field of `fields` (never inherited: a state may be called "constructor"). */
export function has(fields: Fields, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(fields, key);
}

/** The value of own field `key`, or undefined. */
export function get(fields: Fields, key: string): unknown {
  return has(fields, key) ? fields[key] : undefined;
}

/** A short printable form of a value for messages (`"abc"`, `12`, `an object`). */
export function shown(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : "an array";
  if (value instanceof JsonNumber) return value.lexeme;
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
    case "number":
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return `a ${typeof value} (not JSON)`;
  }
}

/** `must be an integer from min to max; got x`, or undefined when `value` is one. */
export function integerProblem(value: unknown, min: number, max: number, orWhat = ""): string | undefined {
  const integer = integerValue(value);
  if (integer !== undefined && integer >= min && integer <= max) return undefined;
  const range = max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`;
  return `must be an integer ${range}${orWhat}; got ${shown(value)}`;
}

/** `must be a number from min to max; got x`, or undefined when `value` is one. */
export function numberProblem(value: unknown, min: number, max: number, orWhat = ""): string | undefined {
  const number = isNumeric(value) ? toNumber(value) : NaN;
  if (Number.isFinite(number) && number >= min && number <= max) return undefined;
  return `must be a number from ${min} to ${max}${orWhat}; got ${shown(value)}`;
}

/** The largest number of seconds Step Functions accepts in a duration field. */
export const MAX_SECONDS = 99_999_999;

/** Reports keys of a sub-object (`ItemReader`, `ProcessorConfig`, ...) that are not in `allowed`. */
export function checkKnownKeys(
  ctx: ValidationContext,
  fields: Fields,
  at: string,
  allowed: readonly string[],
  what: string,
): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      ctx.report(fieldPath(at, key), `unknown ${what} field "${key}"; allowed: ${allowed.join(", ")}`);
    }
  }
}
