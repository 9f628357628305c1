import { RestError } from "./rest-error.ts";

/** Length bounds of a string field. */
export interface Length {
  min?: number;
  max: number;
}

/**
 * Reads the fields of a JSON request body or of a query string, checking types and lengths, and refuses
 * fields it was not asked for (`done()`), so a misspelt option is an error rather than silently ignored.
 * Every refusal is a 400 ValidationException naming the field.
 */
export class RestFields {
  readonly #values: Record<string, unknown>;
  readonly #where: "body" | "query";
  readonly #read = new Set<string>();

  constructor(values: unknown, where: "body" | "query") {
    if (values === undefined || values === null) values = {};
    if (typeof values !== "object" || Array.isArray(values)) {
      throw new RestError("ValidationException", "The request body must be a JSON object");
    }
    this.#values = values as Record<string, unknown>;
    this.#where = where;
  }

  #get(name: string): unknown {
    this.#read.add(name);
    return Object.hasOwn(this.#values, name) ? this.#values[name] : undefined;
  }

  #fail(name: string, problem: string): never {
    throw new RestError("ValidationException", `${this.#where} field '${name}' ${problem}`);
  }

  /** A required string of `length`. */
  string(name: string, length: Length): string {
    const value = this.optionalString(name, length);
    if (value === undefined) this.#fail(name, "is required");
    return value;
  }

  /** An optional string of `length`. */
  optionalString(name: string, length: Length): string | undefined {
    const value = this.#get(name);
    if (value === undefined) return undefined;
    if (typeof value !== "string") this.#fail(name, "must be a string");
    // PostgreSQL text cannot hold NUL; no name, ARN, token or message needs one.
    if (value.includes("\u0000")) this.#fail(name, "must not contain NUL characters");
    if (value.length < (length.min ?? 0) || value.length > length.max) {
      this.#fail(name, `must be between ${length.min ?? 0} and ${length.max} characters long`);
    }
    return value;
  }

  /** An optional one of `allowed`. */
  optionalEnum<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(name, { max: 64 });
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value))
      this.#fail(name, `must be one of ${allowed.join(", ")}`);
    return value as T;
  }

  /** An optional boolean (`true`/`false` in a query string). */
  optionalBoolean(name: string): boolean | undefined {
    const value = this.#get(name);
    if (value === undefined) return undefined;
    if (typeof value === "boolean") return value;
    if (this.#where === "query" && (value === "true" || value === "false")) return value === "true";
    this.#fail(name, "must be true or false");
  }

  /** An optional integer in [min, max] (a decimal string in a query string). */
  optionalInteger(name: string, min: number, max: number): number | undefined {
    const raw = this.#get(name);
    if (raw === undefined) return undefined;
    const value =
      this.#where === "query" && typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      this.#fail(name, `must be an integer from ${min} to ${max}`);
    }
    return value;
  }

  /**
   * An optional JSON value, returned as JSON text; a string is taken as the value itself (a JSON string),
   * unless `textAllowed`, when it is taken as JSON text (definitions may be sent either way).
   */
  optionalJson(name: string, textAllowed = false): string | undefined {
    const value = this.#get(name);
    if (value === undefined) return undefined;
    if (textAllowed && typeof value === "string") return value;
    return JSON.stringify(value);
  }

  /** Refuses any field that was not read. */
  done(): void {
    const unknown = Object.keys(this.#values).filter((key) => !this.#read.has(key));
    if (unknown.length > 0) {
      throw new RestError(
        "ValidationException",
        `Unknown ${this.#where} field${unknown.length > 1 ? "s" : ""}: ${unknown.map((k) => `'${k}'`).join(", ")}`,
      );
    }
  }
}
