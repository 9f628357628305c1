import { Redis } from "ioredis";
import { describeError } from "./describe-error.ts";
import { redactUrl } from "./redact-url.ts";
import { serviceUrl } from "./service-url.ts";
import { uniqueName } from "./unique-name.ts";

/** A key prefix of its own for one test file, on the real Redis server. */
export interface RedisPrefix {
  /** Ends with `:`. Give it to BullMQ as `prefix` (without the colon) or prepend it to every key. */
  readonly prefix: string;
  /** The Redis URL used. */
  readonly url: string;
  /** A connected client for the test's own commands; `cleanup()` disconnects it. */
  readonly redis: Redis;
  /** Deletes every key under `prefix` (and no other) and returns how many it deleted. */
  deleteKeys(): Promise<number>;
  /** `deleteKeys()`, then disconnects the client. */
  cleanup(): Promise<void>;
}

/** Options of {@link redisPrefix}. */
export interface RedisPrefixOptions {
  /** Readable part of the prefix, usually the test file's subject. */
  readonly label?: string;
  /** Server to use. Defaults to `REDIS_URL`. */
  readonly url?: string;
}

const scanBatch = 500;

/**
 * Connects to `REDIS_URL` (or `url`) and hands out a unique key prefix with a cleanup that deletes only
 * keys under it, so test files can share one Redis. Rejects when no URL is set, and when the server
 * cannot be reached, with a message that names the URL (password redacted).
 */
export async function redisPrefix(options: RedisPrefixOptions = {}): Promise<RedisPrefix> {
  const url = options.url ?? serviceUrl("REDIS_URL");
  if (url === undefined) {
    throw new Error(
      "REDIS_URL is not set: redisPrefix() needs a Redis server, e.g. REDIS_URL=redis://127.0.0.1:6379",
    );
  }
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 10_000,
    maxRetriesPerRequest: 3,
    retryStrategy: (attempt) => (attempt > 3 ? null : attempt * 100),
  });
  // ioredis reports connection trouble as "error" events; commands still reject, so don't crash on them.
  redis.on("error", () => {});
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis at ${redactUrl(url)}: ${describeError(error)}`, {
      cause: error,
    });
  }

  // The prefix is [a-z0-9_:] only, so it has no glob characters to escape in MATCH.
  const prefix = `${uniqueName("sf", options.label)}:`;
  const deleteKeys = async (): Promise<number> => {
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", scanBatch);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
    return deleted;
  };
  return {
    prefix,
    url,
    redis,
    deleteKeys,
    cleanup: async () => {
      try {
        await deleteKeys();
      } finally {
        await redis.quit().catch(() => redis.disconnect());
      }
    },
  };
}
