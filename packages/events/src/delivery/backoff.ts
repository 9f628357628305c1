/** How failed deliveries are spaced: exponential from `baseDelayMs`, capped at `maxDelayMs`, with jitter. */
export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** EventBridge-like defaults: 1 s doubling up to 5 minutes. */
export const defaultBackoff: BackoffOptions = { baseDelayMs: 1000, maxDelayMs: 300_000 };

/**
 * The delay before retry number `retry` (1 for the first): `base * 2^(retry-1)` capped at `max`, then "equal
 * jitter" (half fixed, half random) so failing deliveries of one burst do not retry in lockstep.
 */
export function backoffDelayMs(
  options: BackoffOptions,
  retry: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 40);
  const delay = Math.min(options.baseDelayMs * 2 ** exponent, options.maxDelayMs);
  return Math.round(delay / 2 + random() * (delay / 2));
}
