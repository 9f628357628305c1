import { expect, test } from "vitest";
import { createRateLimiter } from "./rate-limiter.ts";

test("spaces calls of one key and leaves other keys alone", async () => {
  const waits: number[] = [];
  const limiter = createRateLimiter((ms) => {
    waits.push(ms);
    return Promise.resolve();
  });
  await limiter.acquire("a", 10);
  await limiter.acquire("a", 10);
  await limiter.acquire("a", 10);
  await limiter.acquire("b", 10);
  expect(waits).toHaveLength(2);
  expect(waits[0]).toBeGreaterThan(80);
  expect(waits[0]).toBeLessThanOrEqual(100);
  expect(waits[1]).toBeGreaterThan(180);
  expect(waits[1]).toBeLessThanOrEqual(200);
});
