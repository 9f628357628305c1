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

const PLAIN_DECIMAL = /^(-?)(\d{1,10})(?:\.(\d{1,6}))?$/;
const LIMIT_VALUE = Number(LIMIT);

/**
 * {@link comparableNumber} as a JavaScript number, which holds it exactly (|value| ≤ 5e15 < 2^53), so a
 * rule index can key maps and compare ranges without `bigint`. Literals with at most six decimals and no
 * exponent (nearly every event number) take a regex-and-multiply path; the rest go through the exact one.
 */
export function comparableValue(literal: string): number | undefined {
  const plain = PLAIN_DECIMAL.exec(literal);
  if (plain !== null) {
    const whole = Number(plain[2]);
    if (whole <= NumericLimits.max) {
      // Both terms are integers below 2^53, so the sum is exact; no digit was dropped, so no rounding.
      const scaled = whole * 1_000_000 + Number((plain[3] ?? "").padEnd(SCALE_DIGITS, "0"));
      if (scaled > LIMIT_VALUE) return undefined;
      return plain[1] === "-" ? 0 - scaled : scaled; // 0 - x, not -x: "-0" is 0, as its bigint is
    }
  }
  const exact = comparableNumber(literal);
  return exact === undefined ? undefined : Number(exact);
}
