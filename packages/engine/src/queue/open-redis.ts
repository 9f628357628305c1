import { Redis, type RedisOptions } from "ioredis";

/** ioredis options; `replyMapping` is left out because the adapters read replies in ioredis's legacy shape. */
export type RedisClientOptions = Omit<RedisOptions, "replyMapping">;

/** A Redis server: a `redis://` URL, or ioredis options. */
export type RedisConnection = string | RedisClientOptions;

/**
 * Opens an ioredis client on `connection` with `overrides` on top. BullMQ needs `maxRetriesPerRequest: null`
 * on connections its workers use; ioredis `keyPrefix` is refused because BullMQ has its own `prefix`.
 */
export function openRedis(connection: RedisConnection, overrides: RedisClientOptions = {}): Redis {
  if (typeof connection !== "string" && connection.keyPrefix !== undefined) {
    throw new Error(
      "ioredis keyPrefix is not supported: pass the prefix as the task queue's `prefix` option",
    );
  }
  return typeof connection === "string"
    ? new Redis(connection, overrides)
    : new Redis({ ...connection, ...overrides });
}
