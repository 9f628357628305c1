/**
 * How a job whose handler threw is delivered again. The engine relies on at-least-once delivery, so the
 * default keeps trying for about a day: exponential backoff from `baseDelayMs`, capped at `maxDelayMs`.
 */
export interface RetryPolicy {
  /** Deliveries in all (the first included) before a failing job is dropped. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 1000 attempts, 100 ms doubling up to 60 s: the last ones are about 16 hours after the first failure. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 1000, baseDelayMs: 100, maxDelayMs: 60_000 };

/**
 * The delay before the next delivery after `failures` failed deliveries (1 after the first failure):
 * `baseDelayMs * 2^(failures-1)`, at most `maxDelayMs`.
 */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 52);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}
