import { AwsError } from "../errors/aws-error.ts";

/** Length limits of one string member, as the Step Functions API model states them. */
export interface StringRule {
  min?: number;
  max?: number;
  /** Sensitive members (definitions, inputs, outputs, tokens) are never echoed in messages, as on AWS. */
  sensitive?: boolean;
}

/**
 * Reads the members of one request body with AWS's checks. A member of the wrong JSON type throws
 * SerializationException at once (AWS's deserializer does the same); constraint violations are
 * collected and thrown together by {@link RequestFields.done} as one ValidationException with AWS's
 * message ("2 validation errors detected: Value null at 'name' failed to satisfy constraint: ...").
 */
export class RequestFields {
  /** `prefix` and a shared `violations` list serve readers of structures nested in a list. */
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly prefix = "",
    private readonly violations: string[] = [],
  ) {}

  private raw(name: string): unknown {
    const value = Object.hasOwn(this.body, name) ? this.body[name] : undefined;
    return value === null ? undefined : value;
  }

  private violation(value: unknown, name: string, constraint: string, sensitive = false): void {
    const shown =
      value === undefined
        ? "null"
        : sensitive
          ? undefined
          : `'${clip(typeof value === "string" ? value : JSON.stringify(value))}'`;
    const at = `${this.prefix}${name}`;
    const where = shown === undefined ? `Value at '${at}'` : `Value ${shown} at '${at}'`;
    this.violations.push(`${where} failed to satisfy constraint: ${constraint}`);
  }

  private missing(name: string): void {
    this.violation(undefined, name, "Member must not be null");
  }

  /** A required string member. */
  string(name: string, rule: StringRule = {}): string {
    const value = this.optionalString(name, rule);
    if (value === undefined) this.missing(name);
    return value ?? "";
  }

  /** An optional string member (null and absent are the same). */
  optionalString(name: string, rule: StringRule = {}): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw wrongType(`${this.prefix}${name}`, "a string", value);
    if (rule.min !== undefined && value.length < rule.min)
      this.violation(
        value,
        name,
        `Member must have length greater than or equal to ${rule.min}`,
        rule.sensitive,
      );
    if (rule.max !== undefined && value.length > rule.max)
      this.violation(
        value,
        name,
        `Member must have length less than or equal to ${rule.max}`,
        rule.sensitive,
      );
    return value;
  }

  /** An optional string member restricted to a closed set. */
  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      this.violation(value, name, `Member must satisfy enum value set: [${values.join(", ")}]`);
      return undefined;
    }
    return value as T;
  }

  /** An optional integer member within [min, max]. */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value))
      throw wrongType(`${this.prefix}${name}`, "an integer", value);
    if (value < min) this.violation(value, name, `Member must have value greater than or equal to ${min}`);
    if (value > max) this.violation(value, name, `Member must have value less than or equal to ${max}`);
    return value;
  }

  /** An optional boolean member. */
  optionalBoolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw wrongType(`${this.prefix}${name}`, "a boolean", value);
    return value;
  }

  /** An optional structure member, as a plain object. */
  optionalObject(name: string): Record<string, unknown> | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (typeof value !== "object" || Array.isArray(value))
      throw wrongType(`${this.prefix}${name}`, "an object", value);
    return value as Record<string, unknown>;
  }

  /** A list member whose items are read by `item` (a nested reader for structures, or a value check). */
  list<T>(name: string, required: boolean, item: (value: unknown, at: string) => T): T[] | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) this.missing(name);
      return undefined;
    }
    if (!Array.isArray(value)) throw wrongType(`${this.prefix}${name}`, "a list", value);
    return value.map((v, i) => item(v, `${name}.${i + 1}.member`));
  }

  /** A reader for a structure inside a list; its violations join this request's. */
  nested(value: unknown, at: string): RequestFields {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw wrongType(`${this.prefix}${at}`, "an object", value);
    return new RequestFields(value as Record<string, unknown>, `${this.prefix}${at}.`, this.violations);
  }

  /** Throws the collected violations as one ValidationException; returns when there are none. */
  done(): void {
    const n = this.violations.length;
    if (n === 0) return;
    const head = n === 1 ? "1 validation error detected" : `${n} validation errors detected`;
    throw new AwsError("ValidationException", `${head}: ${this.violations.join("; ")}`);
  }
}

function clip(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}...` : text;
}

function wrongType(name: string, expected: string, value: unknown): AwsError {
  const got = Array.isArray(value) ? "a list" : value === null ? "null" : `a ${typeof value}`;
  return new AwsError("SerializationException", `'${name}' must be ${expected}, not ${got}`);
}
