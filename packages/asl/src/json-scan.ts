// Native-speed looks at JSON text that let a parse skip lossless-json (a pure JavaScript parser, about 10×
// slower than JSON.parse on large texts) when JSON.parse gives the same value. Valid JSON text only.

// A digit before a fraction or exponent, 16 digits in a row, or -0: a number might not print back as written.
const MAYBE_LOSSY = /\d[.eE]|\d{16}|-0(?![.\d])/;
// Such numbers where a JSON value can stand inside an object or array (after `:`, `,` or `[`, before `,`,
// `}` or `]`), with the character before. Text inside a string rarely looks like that ("00.000Z" of a
// timestamp does not); when it does, the caller only takes the slow path for nothing.
const CANDIDATES = /[:,[]\s*(?:-?\d+\.\d+(?:[eE][+-]?\d+)?|-?\d+[eE][+-]?\d+|-?\d{16,}|-0)(?=\s*[,}\]])/g;
const CONTAINER = /^\s*[[{]/;
// The end of every member name; a string value holding `":` adds a few more.
const NAME_ENDS = /"\s*:/g;

/**
 * True when some number token of the JSON text may not be what JavaScript prints for its value; never
 * false when one is (a true answer may be a false alarm from inside a string).
 */
export function hasLossyNumber(text: string): boolean {
  if (!MAYBE_LOSSY.test(text)) return false;
  if (!CONTAINER.test(text)) return true; // a lone number: small, let lossless-json decide
  const candidates = text.match(CANDIDATES);
  if (candidates === null) return false;
  for (const match of candidates) {
    const lexeme = match.slice(1).trimStart();
    if (String(Number(lexeme)) !== lexeme) return true;
  }
  return false;
}

/** At least as many as the object members the JSON text writes, duplicates included. */
export function memberCountBound(text: string): number {
  return text.match(NAME_ENDS)?.length ?? 0;
}

/** How many object members a parsed value holds (after JSON.parse kept the last of duplicate keys). */
export function parsedMemberCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
    } else {
      const values = Object.values(node);
      count += values.length;
      for (const item of values) stack.push(item);
    }
  }
  return count;
}
