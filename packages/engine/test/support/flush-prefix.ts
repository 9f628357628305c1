import type { Redis } from "ioredis";

// KEYS + DEL inside one script: Redis runs a script atomically, so no job can be half deleted (its hash
// gone but its id still listed, or the reverse), which is what FLUSHALL does to the whole server.
const FLUSH_PREFIX = `
local keys = redis.call('KEYS', ARGV[1])
for i = 1, #keys, 1000 do
  redis.call('DEL', unpack(keys, i, math.min(i + 999, #keys)))
end
return #keys`;

/**
 * FLUSHALL for one key prefix: deletes every key under `prefix` (which ends with `:`) atomically, so the
 * drill loses the queue exactly as a flushed (or replaced) Redis loses it, without touching other tests'
 * keys on the shared server. Resolves to how many keys it deleted.
 */
export async function flushPrefix(redis: Redis, prefix: string): Promise<number> {
  if (!/^[a-z0-9_:]+:$/.test(prefix)) throw new Error(`not a test prefix: ${prefix}`);
  return Number(await redis.eval(FLUSH_PREFIX, 0, `${prefix}*`));
}
