import { AwsError } from "../errors/aws-error.ts";

/** A member's shape as the EventBridge API model declares it: JSON type plus the model's constraints. */
export type Shape =
  | {
      readonly kind: "string";
      readonly min?: number;
      readonly max?: number;
      /** The model's regular expression, as AWS prints it in the violation message. */
      readonly pattern?: string;
      readonly enum?: readonly string[];
      /** Never echoed in messages (secrets, inputs), as on AWS. */
      readonly sensitive?: boolean;
    }
  | { readonly kind: "integer"; readonly min?: number; readonly max?: number }
  | { readonly kind: "boolean" }
  /** Epoch seconds on the wire (what the SDKs send); read as a Date. */
  | { readonly kind: "timestamp" }
  | { readonly kind: "list"; readonly member: Shape; readonly min?: number; readonly max?: number }
  | { readonly kind: "map"; readonly key: Shape; readonly value: Shape; readonly max?: number }
  | {
      readonly kind: "structure";
      readonly members: Readonly<Record<string, Shape>>;
      readonly required?: readonly string[];
    };

/**
 * Reads a request body against its shape as AWS's JSON 1.1 deserializer does: a member of the wrong JSON type
 * throws SerializationException at once; constraint violations (required members, lengths, ranges,
 * patterns, enums) are collected and thrown together as one ValidationException with AWS's message
 * ("2 validation errors detected: Value null at 'name' failed to satisfy constraint: ..."). Null members are
 * absent, unknown members are dropped, timestamps become Dates. Returns the cleaned request.
 */
export function readShape(shape: Shape & { kind: "structure" }, body: unknown): Record<string, unknown> {
  const violations: string[] = [];
  const value = read(shape, body, "", violations) as Record<string, unknown>;
  const n = violations.length;
  if (n > 0) {
    const head = n === 1 ? "1 validation error detected" : `${n} validation errors detected`;
    throw new AwsError("ValidationException", `${head}: ${violations.join("; ")}`);
  }
  return value;
}

function read(shape: Shape, value: unknown, at: string, violations: string[]): unknown {
  const violation = (constraint: string) =>
    violations.push(`${describe(shape, value)} at '${at}' failed to satisfy constraint: ${constraint}`);
  switch (shape.kind) {
    case "string": {
      if (typeof value !== "string") throw wrongType(at, "a string", value);
      if (shape.min !== undefined && value.length < shape.min)
        violation(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        violation(`Member must have length less than or equal to ${shape.max}`);
      if (shape.pattern !== undefined && !fullMatch(shape.pattern, value))
        violation(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.enum !== undefined && !shape.enum.includes(value))
        violation(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
      return value;
    }
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(at, "an integer", value);
      if (shape.min !== undefined && value < shape.min)
        violation(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        violation(`Member must have value less than or equal to ${shape.max}`);
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrongType(at, "a boolean", value);
      return value;
    case "timestamp": {
      if (typeof value !== "number" || !Number.isFinite(value))
        throw wrongType(at, "a timestamp (epoch seconds)", value);
      const date = new Date(value * 1000);
      if (Number.isNaN(date.getTime())) throw wrongType(at, "a timestamp (epoch seconds)", value);
      return date;
    }
    case "list": {
      if (!Array.isArray(value)) throw wrongType(at, "a list", value);
      if (shape.min !== undefined && value.length < shape.min)
        violation(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        violation(`Member must have length less than or equal to ${shape.max}`);
      // AWS JSON lists take no nulls: Coral drops them, and so does this reader.
      return value
        .filter((item) => item !== null)
        .map((item, i) => read(shape.member, item, `${at}.${i + 1}.member`, violations));
    }
    case "map": {
      if (!isObject(value)) throw wrongType(at, "a map", value);
      const entries = Object.entries(value).filter(([, v]) => v !== null);
      if (shape.max !== undefined && entries.length > shape.max)
        violation(`Member must have length less than or equal to ${shape.max}`);
      const out: Record<string, unknown> = {};
      for (const [key, item] of entries) {
        read(shape.key, key, `${at}.key`, violations);
        out[key] = read(shape.value, item, `${at}.${key}.member`, violations);
      }
      return out;
    }
    case "structure": {
      if (!isObject(value)) throw wrongType(at === "" ? "request body" : at, "an object", value);
      const out: Record<string, unknown> = {};
      const prefix = at === "" ? "" : `${at}.`;
      for (const [name, member] of Object.entries(shape.members)) {
        const item = Object.hasOwn(value, name) ? value[name] : undefined;
        const path = `${prefix}${lowerFirst(name)}`;
        if (item === undefined || item === null) {
          if (shape.required?.includes(name) === true)
            violations.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        out[name] = read(member, item, path, violations);
      }
      return out;
    }
  }
}

/** `Value 'x'` as AWS quotes the offending value (lists as `[a, b]`, sensitive values not at all). */
function describe(shape: Shape, value: unknown): string {
  if (shape.kind === "string" && shape.sensitive === true) return "Value";
  if (Array.isArray(value)) return `Value '[${value.map((v) => clip(javaText(v))).join(", ")}]'`;
  return `Value '${clip(javaText(value))}'`;
}

function javaText(value: unknown): string {
  if (typeof value === "string") return value;
  if (isObject(value)) return JSON.stringify(value);
  return String(value);
}

function clip(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}...` : text;
}

const compiled = new Map<string, RegExp>();

/** Java's `String.matches`: the whole value must match. */
function fullMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`, "s");
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function wrongType(at: string, expected: string, value: unknown): AwsError {
  const got = Array.isArray(value)
    ? "a list"
    : value === null
      ? "null"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;
  return new AwsError("SerializationException", `'${at}' must be ${expected}, not ${got}`);
}
