import { compareNumber } from "lossless-json";

let printedAsNumbers = 0;

/**
 * A JSON number whose lexeme a JavaScript number cannot give back (`1.0`, `1e2`, `-0`,
 * `12345678901234567890`): Step Functions keeps lexemes as written, so such a number travels as this
 * small immutable value and prints as its lexeme again. Every other number stays a plain `number`.
 * `valueOf()` is the nearest JavaScript number, so arithmetic and `Number(x)` still work.
 */
export class JsonNumber {
  /** The number exactly as the JSON text wrote it. */
  readonly lexeme: string;

  constructor(lexeme: string) {
    this.lexeme = lexeme;
    Object.freeze(this);
  }

  valueOf(): number {
    return Number(this.lexeme);
  }

  toString(): string {
    return this.lexeme;
  }

  /**
   * Plain `JSON.stringify` cannot print a raw lexeme, so it gets the nearest number; `stringifyJson`
   * notices (through {@link jsonNumbersPrinted}) and prints the lexeme instead.
   */
  toJSON(): number {
    printedAsNumbers++;
    return Number(this.lexeme);
  }
}

/** How many times a JsonNumber was printed by plain `JSON.stringify` so far (a change means one was met). */
export function jsonNumbersPrinted(): number {
  return printedAsNumbers;
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The value a JSON number lexeme parses to: a plain number when it prints back as the same lexeme, a
 * {@link JsonNumber} otherwise. Text that is not a JSON number (`01` in an intrinsic argument) becomes a
 * plain number, so a JsonNumber always prints as valid JSON.
 */
export function parseJsonNumber(lexeme: string): number | JsonNumber {
  const value = Number(lexeme);
  return String(value) === lexeme || !JSON_NUMBER.test(lexeme) ? value : new JsonNumber(lexeme);
}

/** True for a JSON number: a plain number or a {@link JsonNumber}. */
export function isNumeric(value: unknown): value is number | JsonNumber {
  return typeof value === "number" || value instanceof JsonNumber;
}

/** The JavaScript number nearest to a JSON number. */
export function toNumber(value: number | JsonNumber): number {
  return typeof value === "number" ? value : value.valueOf();
}

/**
 * Compares two JSON numbers exactly (by decimal value, so `1.0` equals `1` and big integers compare
 * digit by digit): negative, zero or positive.
 */
export function compareNumeric(a: number | JsonNumber, b: number | JsonNumber): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const x = toNumber(a);
  const y = toNumber(b);
  // A non-finite side (a lexeme beyond double range, or a computed value) has no exact decimal form.
  if (!Number.isFinite(x) || !Number.isFinite(y)) return x < y ? -1 : x > y ? 1 : 0;
  return compareNumber(lexemeOf(a), lexemeOf(b));
}

/** The decimal text of a JSON number: its lexeme, or the shortest text of a plain number. */
export function lexemeOf(value: number | JsonNumber): string {
  return typeof value === "number" ? String(value) : value.lexeme;
}

/**
 * The integer a JSON number holds, for counts, indexes and seconds (`2.0` and `2e0` are 2), or
 * undefined when it has a fraction, is not a number, or a JavaScript number cannot hold it exactly.
 */
export function integerValue(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? value : undefined;
  if (!(value instanceof JsonNumber)) return undefined;
  const n = value.valueOf();
  return Number.isInteger(n) && compareNumber(value.lexeme, String(n)) === 0 ? n : undefined;
}
