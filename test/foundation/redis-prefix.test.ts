import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { closedPort, redisPrefix, serviceTest, serviceUrl } from "../support/index.ts";

describe("redisPrefix without a reachable server", () => {
  it("names the URL when the port is closed", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    await expect(redisPrefix({ url })).rejects.toThrow(`cannot connect to Redis at ${url}`);
  });
});

// REDIS_URL decides, as DATABASE_URL does in fresh-database.test.ts.
const redisUrl = serviceUrl("REDIS_URL");

describe.skipIf(redisUrl === undefined)(`redisPrefix on ${redisUrl ?? "(REDIS_URL unset)"}`, () => {
  serviceTest("hands out a different prefix per call", async ({ redis }) => {
    expect(redis.prefix).toMatch(/^sf_redis_prefix_[a-z0-9]+_[0-9a-f]{10}:$/);
    const other = await redisPrefix({ label: "redis prefix" });
    try {
      expect(other.prefix).not.toBe(redis.prefix);
    } finally {
      await other.cleanup();
    }
  });

  serviceTest("deletes every key under its prefix and nothing else", async ({ redis: mine }) => {
    const theirs = await redisPrefix({ label: "theirs" });
    // More keys than one SCAN batch, so the cursor loop has to go round.
    const keys = Array.from({ length: 1_200 }, (_, i) => `${mine.prefix}job:${i}`);
    await mine.redis.mset(...keys.flatMap((key) => [key, "1"]));
    await mine.redis.hset(`${mine.prefix}hash`, "field", "value");
    await theirs.redis.set(`${theirs.prefix}kept`, "1");
    // Shares all of mine.prefix but its closing colon.
    const lookalike = mine.prefix.slice(0, -1);
    await theirs.redis.set(lookalike, "1");
    try {
      expect(await mine.deleteKeys()).toBe(1_201);
      expect(await mine.redis.exists(...keys, `${mine.prefix}hash`)).toBe(0);
      expect(await theirs.redis.get(`${theirs.prefix}kept`)).toBe("1");
      expect(await theirs.redis.get(lookalike)).toBe("1");
    } finally {
      await theirs.redis.del(lookalike);
      await theirs.cleanup();
    }
  });

  serviceTest("cleanup deletes the keys and disconnects", async () => {
    const scratch = await redisPrefix({ label: "scratch" });
    await scratch.redis.set(`${scratch.prefix}a`, "1");
    await scratch.cleanup();
    await expect(scratch.redis.ping()).rejects.toThrow(/Connection is closed/);
    const observer = new Redis(redisUrl ?? "");
    try {
      expect(await observer.exists(`${scratch.prefix}a`)).toBe(0);
    } finally {
      observer.disconnect();
    }
  });
});
