/**
 * Spaces calls per key to at most `perSecond` a second (an API destination's
 * InvocationRateLimitPerSecond), in this process: each caller waits for its slot.
 */
export function createRateLimiter(sleep: (ms: number) => Promise<void> = defaultSleep) {
  const nextAt = new Map<string, number>();
  return {
    async acquire(key: string, perSecond: number): Promise<void> {
      const spacing = 1000 / Math.max(perSecond, 0.001);
      const now = Date.now();
      const slot = Math.max(now, nextAt.get(key) ?? 0);
      nextAt.set(key, slot + spacing);
      if (slot > now) await sleep(slot - now);
    },
  };
}

/** A rate limiter. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
