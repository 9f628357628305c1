import { describe, expect, test } from "vitest";
import { defaultRetryPolicy, retryDelayMs } from "./retry-policy.ts";

describe("retryDelayMs", () => {
  const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
  test.each([
    [0, 100],
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_000],
    [900, 1_000],
    [1e9, 1_000],
  ])("after %i failures waits %i ms", (failures, delay) => {
    expect(retryDelayMs(policy, failures)).toBe(delay);
  });

  test("the default policy keeps retrying for hours, never longer than a minute apart", () => {
    let total = 0;
    for (let failures = 1; failures < defaultRetryPolicy.attempts; failures++) {
      const delay = retryDelayMs(defaultRetryPolicy, failures);
      expect(delay).toBeLessThanOrEqual(60_000);
      total += delay;
    }
    expect(total / 3_600_000).toBeGreaterThan(16);
  });
});
