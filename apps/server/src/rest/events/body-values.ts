import { RestError } from "../rest-error.ts";

// Readers of nested request values that RestFields (flat fields of one object) does not cover. Each refuses
// a value of the wrong JSON type with a 400 ValidationException naming `field`.

function refuse(field: string, problem: string): never {
  throw new RestError("ValidationException", `body field '${field}' ${problem}`);
}

/** A JSON object's own fields (absent: undefined). */
export function objectValue(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) refuse(field, "must be an object");
  return value as Record<string, unknown>;
}

/** An array of strings (absent: undefined). */
export function stringArray(value: unknown, field: string, max = 100): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > max || value.some((item) => typeof item !== "string")) {
    refuse(field, `must be an array of at most ${max} strings`);
  }
  return value as string[];
}

/** An object whose values are all strings (absent: undefined). */
export function stringMap(value: unknown, field: string): Record<string, string> | undefined {
  const object = objectValue(value, field);
  if (object === undefined) return undefined;
  if (Object.values(object).some((item) => typeof item !== "string"))
    refuse(field, "must map names to strings");
  return object as Record<string, string>;
}

/** A point in time: an ISO-8601 string or epoch seconds (as EventBridge's wire sends it). */
export function timeOf(value: unknown, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const time =
    typeof value === "number" && Number.isFinite(value)
      ? new Date(value * 1000)
      : typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? new Date(value)
        : undefined;
  if (time === undefined || Number.isNaN(time.getTime())) {
    refuse(field, "must be an ISO-8601 date-time or epoch seconds");
  }
  return time;
}
