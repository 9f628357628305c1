const multiplier = 0x5deece66dn;
const mask = (1n << 48n) - 1n;

/** `java.util.Random`'s generator seeded with `seed`: `next(bits)` as Java's. */
function javaRandom(seed: number): (bits: number) => number {
  let state = (BigInt(seed) ^ multiplier) & mask;
  return (bits) => {
    state = (state * multiplier + 0xbn) & mask;
    return Number(BigInt.asIntN(32, state >> BigInt(48 - bits)));
  };
}

/** The first `new java.util.Random(seed).nextDouble()`: a value in [0, 1), the same for the same seed. */
export function javaRandomDouble(seed: number): number {
  const next = javaRandom(seed);
  return (next(26) * 2 ** 27 + next(27)) * 2 ** -53;
}

/**
 * The first `new java.util.Random(seed).nextInt(bound)`: a seeded States.MathRandom gives the same value
 * every time, as on AWS (whose runtime is Java). `bound` must be positive and below 2^31.
 */
export function javaRandomInt(seed: number, bound: number): number {
  const next = javaRandom(seed);
  if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(next(31))) >> 31n);
  for (;;) {
    const bits = next(31);
    const value = bits % bound;
    // Java rejects the last, incomplete block of the 31-bit range (the int overflow check).
    if (bits - value + (bound - 1) < 2 ** 31) return value;
  }
}
