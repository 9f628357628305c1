/**
 * Parses PostgreSQL's text form of a `bigint` (int8) into a JS number. Both adapters return int8 columns
 * this way, because the engine's ids and counters stay far below 2^53 and numbers are what its code
 * compares and serialises. A value outside Number's safe-integer range throws rather than silently losing
 * digits: cast such a column to `text` (or `numeric`, which both adapters return as a string).
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `bigint value ${text} is outside JavaScript's safe integer range (±2^53-1); select it as ::text instead`,
    );
  }
  return value;
}

/** Applies {@link parseInt8} to every element of a parsed (possibly nested) int8[] whose elements are text. */
export function parseInt8Elements(parsed: unknown): unknown {
  if (Array.isArray(parsed)) return parsed.map(parseInt8Elements);
  return typeof parsed === "string" ? parseInt8(parsed) : parsed;
}
