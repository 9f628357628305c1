const SCALE_DIGITS = 6;
const LIMIT = 5_000_000_000n * 10n ** BigInt(SCALE_DIGITS);

/** EventBridge's numeric limits: values from -5e9 to 5e9 inclusive, compared to 6 decimal places. */
export const NumericLimits = { min: -5_000_000_000, max: 5_000_000_000, decimals: SCALE_DIGITS } as const;

/**
 * Converts a JSON number literal to EventBridge's comparable form: the value times 10^6, rounded down,
 * as a bigint. Digits past the sixth decimal are dropped, as event-ruler's ComparableNumber does.
 * Returns undefined when the value is outside ±5e9 (such a number only ever matches by exact text).
 */
export function comparableNumber(literal: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal.trim());
  if (match === null) return undefined;
  const [, sign, whole = "", fraction = "", exponentText] = match;
  const exponent = Number(exponentText ?? "0") - fraction.length + SCALE_DIGITS;
  if (Math.abs(exponent) > 400) return exponent < 0 ? 0n : undefined;
  let digits = BigInt(whole + fraction);
  if (sign === "-") digits = -digits;
  let scaled: bigint;
  let exact = true;
  if (exponent >= 0) {
    scaled = digits * 10n ** BigInt(exponent);
  } else {
    const divisor = 10n ** BigInt(-exponent);
    scaled = digits / divisor;
    if (scaled * divisor !== digits) {
      exact = false;
      if (digits < 0n) scaled -= 1n;
    }
  }
  if (scaled > LIMIT || scaled < -LIMIT || (!exact && scaled === LIMIT)) return undefined;
  return scaled;
}

/** The comparable form of a JavaScript number (via its shortest round-trip literal). */
export function comparableOf(value: number): bigint | undefined {
  return Number.isFinite(value) ? comparableNumber(String(value)) : undefined;
}

const LIMIT_VALUE = Number(LIMIT);
const DIGIT_0 = 48;

/**
 * {@link comparableNumber} as a JavaScript number, which holds it exactly (|value| ≤ 5e15 < 2^53), so a
 * rule index can key maps and compare ranges without `bigint`. Literals with at most ten integer digits,
 * six decimals and no exponent (nearly every event number) are scanned by hand, exactly; the rest go
 * through the bigint path.
 */
export function comparableValue(literal: string): number | undefined {
  const plain = plainDecimalValue(literal);
  if (plain !== undefined) return plain;
  const exact = comparableNumber(literal);
  return exact === undefined ? undefined : Number(exact);
}

/** The comparable value of `-?d{1,10}(.d{1,6})?`, or undefined for any other shape or a value past ±5e9. */
function plainDecimalValue(literal: string): number | undefined {
  const length = literal.length;
  let at = literal.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const wholeStart = at;
  let whole = 0;
  for (; at < length; at++) {
    const digit = literal.charCodeAt(at) - DIGIT_0;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  const wholeDigits = at - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 10) return undefined;
  let fraction = 0;
  let scale = 1_000_000;
  if (at < length) {
    if (literal.charCodeAt(at) !== 46 || at + 1 === length) return undefined; // "."
    for (at++; at < length; at++) {
      const digit = literal.charCodeAt(at) - DIGIT_0;
      if (digit < 0 || digit > 9 || scale === 1) return undefined;
      scale /= 10;
      fraction += digit * scale;
    }
  }
  // Integers below 2^53 throughout: whole ≤ 9,999,999,999, and no digit past the sixth decimal is dropped.
  const scaled = whole * 1_000_000 + fraction;
  if (scaled > LIMIT_VALUE) return undefined;
  return wholeStart === 1 ? 0 - scaled : scaled; // 0 - x, not -x: "-0" is 0, as its bigint is
}
