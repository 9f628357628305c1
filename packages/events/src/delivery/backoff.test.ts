import { expect, test } from "vitest";
import { backoffDelayMs } from "./backoff.ts";

test.each([
  [1, 0, 50],
  [1, 1, 100],
  [2, 0, 100],
  [3, 1, 400],
  [10, 1, 1000],
  [200, 0.5, 750],
])("retry %i with random %f waits %i ms", (retry, random, expected) => {
  expect(backoffDelayMs({ baseDelayMs: 100, maxDelayMs: 1000 }, retry, () => random)).toBe(expected);
});
