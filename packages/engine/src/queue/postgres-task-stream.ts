import type { Json } from "@stepflow/asl";
import type { QueueConsumer } from "../ports/task-queue.ts";
import type { StreamEntry, TaskStream } from "../ports/task-stream.ts";
import { postgresNotifyPayload } from "./postgres-pub-sub.ts";
import type { PubSub } from "./pub-sub.ts";
import type { RetryPolicy } from "./retry-policy.ts";
import { handleBatch, streamConsumeSettings } from "./stream-batch.ts";

/** A pool to query (BullMQ's PostgreSQL connection pool; not closed here). */
export interface StreamPool {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** What {@link createPostgresTaskStream} needs. */
export interface PostgresTaskStreamOptions {
  readonly pool: StreamPool;
  /** The schema holding the entries table (BullMQ's), which must exist once `ready` resolves. */
  readonly schema: string;
  readonly ready: Promise<unknown>;
  /** Wakes consumers when entries are appended (NOTIFY); polling every `reclaimIntervalMs` backs it up. */
  readonly pubSub: PubSub;
  /** The PostgreSQL channel `pubSub` listens on: an append notifies it in its own statement. */
  readonly channel: string;
  readonly retry: RetryPolicy;
  /** How long a consumer holds the entries it took; after that (its process died) others take them. */
  readonly lockDurationMs: number;
  readonly reclaimIntervalMs: number;
  readonly onError: (error: Error) => void;
}

/**
 * A {@link TaskStream} on a PostgreSQL table: `append` is one INSERT of every entry, a consumer leases a
 * batch with `UPDATE … FOR UPDATE SKIP LOCKED` (the lease lasts `lockDurationMs`), deletes it once handled,
 * and gives it back at once when it closes before handling it. An expired lease (its consumer died) makes
 * the entries available again. Consumers wait on NOTIFY and poll as a backstop.
 */
export function createPostgresTaskStream(options: PostgresTaskStreamOptions): TaskStream & {
  close(): Promise<void>;
} {
  const { pool } = options;
  const table = `"${options.schema.replaceAll('"', '""')}".stepflow_stream_entries`;
  const consumers = new Set<QueueConsumer>();
  const topic = (stream: string) => `stepflow-stream:${stream}`;

  const created = options.ready.then(async () => {
    // Two processes creating it at once: the loser's CREATE fails on the catalog; the table then exists.
    // `json`, not `jsonb`: a report's output keeps its key order (AWS returns it as the task wrote it).
    const create = `CREATE TABLE IF NOT EXISTS ${table} (
      id bigserial PRIMARY KEY,
      stream text NOT NULL,
      data json NOT NULL,
      lease_until timestamptz NOT NULL DEFAULT '-infinity')`;
    const index = `CREATE INDEX IF NOT EXISTS stepflow_stream_entries_stream ON ${table} (stream, id)`;
    // Tables created before were jsonb, which sorts keys; the entries in them stay as they are.
    const dataType = `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
                       WHERE attrelid = $1::regclass AND attname = 'data'`;
    for (let attempt = 0; ; attempt++) {
      try {
        await pool.query(create);
        await pool.query(index);
        const { rows } = await pool.query<{ type: string }>(dataType, [table]);
        if (rows[0]?.type === "jsonb") await pool.query(`ALTER TABLE ${table} ALTER COLUMN data TYPE json`);
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  });
  created.catch(options.onError);

  const consume = (
    stream: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    settings: { batch: number; concurrency: number },
  ): QueueConsumer => {
    const stopped = new AbortController();
    const running = new Set<Promise<void>>();
    let wake: (() => void) | undefined;
    const poke = () => wake?.();
    const unsubscribing = options.pubSub.subscribe(topic(stream), poke);
    unsubscribing.catch(options.onError);

    const start = (entries: StreamEntry[]): void => {
      const ids = entries.map((entry) => entry.id);
      const run = handleBatch(handler, entries, options.retry, stopped.signal)
        .then(async (done) => {
          if (done) await pool.query(`DELETE FROM ${table} WHERE id = ANY ($1::bigint[])`, [ids]);
          // Closing before handling them: hand the entries back now rather than at the lease's end.
          else
            await pool.query(`UPDATE ${table} SET lease_until = '-infinity' WHERE id = ANY ($1::bigint[])`, [
              ids,
            ]);
        })
        .catch((error: unknown) => options.onError(error as Error))
        .finally(() => {
          running.delete(run);
          poke();
        });
      running.add(run);
    };

    const lease = async (): Promise<StreamEntry[]> => {
      const { rows } = await pool.query<{ id: string; data: Json }>(
        `UPDATE ${table} t SET lease_until = now() + make_interval(secs => $3)
           FROM (SELECT id FROM ${table} WHERE stream = $1 AND lease_until < now()
                  ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) free
          WHERE t.id = free.id
         RETURNING t.id::text AS id, t.data`,
        [stream, settings.batch, options.lockDurationMs / 1000],
      );
      return rows
        .map((row) => ({ id: row.id, data: row.data }))
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    };

    const loop = async (): Promise<void> => {
      await created;
      while (!stopped.signal.aborted) {
        // Armed before looking, so an append between the look and the wait is not missed.
        const woken = new Promise<void>((resolve) => (wake = resolve));
        try {
          if (running.size < settings.concurrency) {
            const entries = await lease();
            if (stopped.signal.aborted) {
              if (entries.length > 0) start(entries); // handled or handed back by `start`
              break;
            }
            if (entries.length > 0) {
              start(entries);
              continue;
            }
          }
        } catch (error) {
          if (stopped.signal.aborted) break;
          options.onError(error as Error);
        }
        // Polling backs NOTIFY up (a lost LISTEN connection) and finds leases that expired.
        const timer = setTimeout(poke, options.reclaimIntervalMs);
        await woken;
        clearTimeout(timer);
      }
    };

    const looping = loop().catch(options.onError);
    let closing: Promise<void> | undefined;
    const consumer: QueueConsumer = {
      close() {
        closing ??= (async () => {
          stopped.abort();
          poke();
          await looping;
          await Promise.all(running);
          const unsubscribe = await unsubscribing.catch(() => undefined);
          await unsubscribe?.();
          consumers.delete(consumer);
        })();
        return closing;
      },
    };
    consumers.add(consumer);
    return consumer;
  };

  return {
    async append(stream, entries) {
      if (entries.length === 0) return;
      await created;
      // One round trip: the NOTIFY commits with the rows.
      await pool.query(
        `WITH appended AS (
           INSERT INTO ${table} (stream, data)
           SELECT $1, e.value FROM json_array_elements($2::json) WITH ORDINALITY e (value, n) ORDER BY e.n)
         SELECT pg_notify($3, $4)`,
        [stream, JSON.stringify(entries), options.channel, postgresNotifyPayload(topic(stream), null)],
      );
    },

    consumeStream(stream, handler, consumeOptions = {}) {
      return consume(stream, handler, streamConsumeSettings(consumeOptions));
    },

    async streamLength(stream) {
      await created;
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${table} WHERE stream = $1`,
        [stream],
      );
      return Number(rows[0]!.n);
    },

    async close() {
      await Promise.all([...consumers].map((consumer) => consumer.close()));
      await created.catch(() => undefined);
    },
  };
}
