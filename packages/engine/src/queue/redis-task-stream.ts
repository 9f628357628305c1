import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Json } from "@stepflow/asl";
import type { Redis } from "ioredis";
import type { QueueConsumer } from "../ports/task-queue.ts";
import type { StreamEntry, TaskStream } from "../ports/task-stream.ts";
import type { RetryPolicy } from "./retry-policy.ts";
import { abortableSleep, handleBatch, streamConsumeSettings } from "./stream-batch.ts";

/** What {@link createRedisTaskStream} needs. */
export interface RedisTaskStreamOptions {
  /** Appends, acknowledgements and take-overs (not closed here). */
  readonly client: Redis;
  /** A new connection for one consumer's blocking reads; closed with the consumer. */
  readonly openBlocking: () => Redis;
  /** Stream keys are `${keyPrefix}${name}`. */
  readonly keyPrefix: string;
  readonly retry: RetryPolicy;
  /** Entries unacknowledged this long (their consumer died) are taken over by another consumer. */
  readonly lockDurationMs: number;
  /** How often a consumer looks for such entries. */
  readonly reclaimIntervalMs: number;
  readonly onError: (error: Error) => void;
}

/** The one consumer group of every stream: consumers share entries, each entry goes to one of them. */
const GROUP = "stepflow";
/** How long a blocking read waits before the consumer looks at its other duties (take-overs, close). */
const BLOCK_MS = 1000;

type RawEntry = [id: string, fields: string[] | null];

/**
 * A {@link TaskStream} on Redis Streams: `append` is one pipelined XADD per entry (one round trip), consumers
 * read with XREADGROUP of one group, acknowledge with XACK + XDEL (so the stream holds only what is not yet
 * handled, and XLEN is its length), and take over entries another consumer left unacknowledged for
 * `lockDurationMs` with XAUTOCLAIM, which is what makes a killed engine lose no report. A stream or group
 * that vanished (Redis emptied) is created again on the next read.
 */
export function createRedisTaskStream(options: RedisTaskStreamOptions): TaskStream & {
  close(): Promise<void>;
} {
  const { client } = options;
  const consumers = new Set<QueueConsumer>();
  const key = (stream: string) => `${options.keyPrefix}${stream}`;

  const ensureGroup = async (streamKey: string): Promise<void> => {
    try {
      // From "0": entries appended before the first consumer ever read are not skipped.
      await client.xgroup("CREATE", streamKey, GROUP, "0", "MKSTREAM");
    } catch (error) {
      if (!String(error).includes("BUSYGROUP")) throw error;
    }
  };

  const entriesOf = (raw: RawEntry[]): StreamEntry[] => {
    const entries: StreamEntry[] = [];
    for (const [id, fields] of raw) {
      // A take-over can name an entry deleted meanwhile (no fields): it was handled.
      if (fields === null) continue;
      const at = fields.indexOf("d");
      if (at < 0) continue;
      entries.push({ id, data: JSON.parse(fields[at + 1]!) as Json });
    }
    return entries;
  };

  const consume = (
    stream: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    settings: { batch: number; concurrency: number },
  ): QueueConsumer => {
    const streamKey = key(stream);
    const name = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const blocking = options.openBlocking();
    blocking.on("error", options.onError);
    const stopped = new AbortController();
    const running = new Set<Promise<void>>();
    let freed: (() => void) | undefined;
    let nextReclaim = 0;

    const acknowledge = async (ids: string[]): Promise<void> => {
      const replies = await client
        .multi()
        .xack(streamKey, GROUP, ...ids)
        .xdel(streamKey, ...ids)
        .exec();
      for (const [error] of replies ?? []) if (error) throw error;
    };

    const start = (entries: StreamEntry[]): void => {
      const run = handleBatch(handler, entries, options.retry, stopped.signal)
        .then(async (done) => {
          // Not done: the consumer is closing; the entries stay pending for another consumer to take over.
          if (done) await acknowledge(entries.map((entry) => entry.id));
        })
        // A lost acknowledgement only means the entries are handled again after a take-over.
        .catch((error: unknown) => options.onError(error as Error))
        .finally(() => {
          running.delete(run);
          freed?.();
        });
      running.add(run);
    };

    const reclaim = async (): Promise<StreamEntry[]> => {
      const reply = (await client.xautoclaim(
        streamKey,
        GROUP,
        name,
        options.lockDurationMs,
        "0-0",
        "COUNT",
        settings.batch,
      )) as [string, RawEntry[], ...unknown[]];
      return entriesOf(reply[1]);
    };

    const read = async (): Promise<StreamEntry[]> => {
      const reply = await blocking.xreadgroup(
        "GROUP",
        GROUP,
        name,
        "COUNT",
        settings.batch,
        "BLOCK",
        BLOCK_MS,
        "STREAMS",
        streamKey,
        ">",
      );
      return reply === null ? [] : entriesOf(reply[0]![1]);
    };

    const loop = async (): Promise<void> => {
      let groupReady = false;
      while (!stopped.signal.aborted) {
        try {
          if (!groupReady) {
            await ensureGroup(streamKey);
            groupReady = true;
          }
          while (running.size >= settings.concurrency && !stopped.signal.aborted) {
            await new Promise<void>((resolve) => (freed = resolve));
          }
          if (stopped.signal.aborted) break;
          let entries: StreamEntry[] = [];
          if (Date.now() >= nextReclaim) {
            nextReclaim = Date.now() + options.reclaimIntervalMs;
            entries = await reclaim();
            // A full batch taken over: there may be more, look again at once.
            if (entries.length === settings.batch) nextReclaim = 0;
          }
          if (entries.length === 0) entries = await read();
          if (entries.length > 0 && !stopped.signal.aborted) start(entries);
        } catch (error) {
          if (stopped.signal.aborted) break;
          if (String(error).includes("NOGROUP")) {
            groupReady = false;
            continue;
          }
          options.onError(error as Error);
          await abortableSleep(500, stopped.signal);
        }
      }
    };

    const looping = loop();
    let closing: Promise<void> | undefined;
    const consumer: QueueConsumer = {
      close() {
        closing ??= (async () => {
          stopped.abort();
          freed?.();
          // A blocking read ends within BLOCK_MS; disconnecting ends it now.
          blocking.disconnect();
          await looping;
          await Promise.all(running);
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
      const streamKey = key(stream);
      const pipeline = client.pipeline();
      for (const data of entries) pipeline.xadd(streamKey, "*", "d", JSON.stringify(data));
      const replies = await pipeline.exec();
      for (const [error] of replies ?? []) if (error) throw error;
    },

    consumeStream(stream, handler, consumeOptions = {}) {
      return consume(stream, handler, streamConsumeSettings(consumeOptions));
    },

    async streamLength(stream) {
      return client.xlen(key(stream));
    },

    async close() {
      await Promise.all([...consumers].map((consumer) => consumer.close()));
    },
  };
}
