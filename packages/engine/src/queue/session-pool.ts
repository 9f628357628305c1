import type pg from "pg";

/** A `pg.Pool` whose connections each run a setup statement once, before any other. */
export interface SessionPool {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** A set-up connection of the pool; `release()` it when done. */
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

/**
 * Wraps `pool` so that every connection runs `setup` (session settings) when first handed out. Not a
 * startup option, which connection poolers such as PgBouncer refuse, nor a statement queued from the pool's
 * "connect" event, which pg deprecates.
 */
export function sessionPool(pool: pg.Pool, setup: string): SessionPool {
  const setUp = new WeakSet<pg.PoolClient>();
  const connect = async (): Promise<pg.PoolClient> => {
    const client = await pool.connect();
    if (!setUp.has(client)) {
      try {
        await client.query(setup);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      setUp.add(client);
    }
    return client;
  };
  return {
    async query(text: string, params?: unknown[]) {
      const client = await connect();
      try {
        const result = await client.query(text, params);
        client.release();
        return result;
      } catch (error) {
        // As pg's own pool.query does: a connection that failed a statement is not reused.
        client.release(error as Error);
        throw error;
      }
    },
    connect,
    end: () => pool.end(),
  };
}
