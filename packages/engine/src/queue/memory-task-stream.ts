import type { Json } from "@stepflow/asl";
import type { QueueConsumer } from "../ports/task-queue.ts";
import type { StreamEntry, TaskStream } from "../ports/task-stream.ts";
import { JobFifo } from "./job-fifo.ts";
import type { RetryPolicy } from "./retry-policy.ts";
import { handleBatch, streamConsumeSettings } from "./stream-batch.ts";

interface Consumer {
  readonly handler: (entries: StreamEntry[]) => Promise<void>;
  readonly batch: number;
  readonly concurrency: number;
  readonly stopped: AbortController;
  running: Set<Promise<void>>;
}

interface StreamState {
  readonly entries: JobFifo<StreamEntry>;
  /** Entries appended and not yet handled: waiting plus in a handler's hands. */
  length: number;
  nextId: number;
  consumers: Consumer[];
  nextConsumer: number;
  pumpScheduled: boolean;
}

/** The in-process {@link TaskStream} of the memory task queue, with its shutdown. */
export interface MemoryTaskStream extends TaskStream {
  close(): Promise<void>;
}

/**
 * An in-process {@link TaskStream}: entries live as long as the process (like the memory queue's jobs),
 * batches go round-robin to consumers with a free slot, and a batch whose handler throws is retried by the
 * same consumer with the queue's backoff. A batch left unhandled by a closed consumer goes back to the
 * front of the stream.
 */
export function createMemoryTaskStream(retry: RetryPolicy): MemoryTaskStream {
  const streams = new Map<string, StreamState>();
  const consumers = new Set<Consumer>();
  let closed = false;

  const streamState = (name: string): StreamState => {
    let state = streams.get(name);
    if (state === undefined) {
      state = {
        entries: new JobFifo(),
        length: 0,
        nextId: 1,
        consumers: [],
        nextConsumer: 0,
        pumpScheduled: false,
      };
      streams.set(name, state);
    }
    return state;
  };

  const schedulePump = (state: StreamState): void => {
    if (state.pumpScheduled || state.consumers.length === 0) return;
    state.pumpScheduled = true;
    // On a microtask: handlers never run inside the caller's append, and one turn's appends share batches.
    queueMicrotask(() => {
      state.pumpScheduled = false;
      pump(state);
    });
  };

  const pump = (state: StreamState): void => {
    while (state.entries.length > 0) {
      const consumer = freeConsumer(state);
      if (consumer === undefined) return;
      const batch: StreamEntry[] = [];
      while (batch.length < consumer.batch && state.entries.length > 0) batch.push(state.entries.shift()!);
      const run = handleBatch(consumer.handler, batch, retry, consumer.stopped.signal).then((done) => {
        consumer.running.delete(run);
        if (done) state.length -= batch.length;
        else requeue(state, batch);
        pump(state);
      });
      consumer.running.add(run);
    }
  };

  const freeConsumer = (state: StreamState): Consumer | undefined => {
    for (let tried = 0; tried < state.consumers.length; tried++) {
      const candidate = state.consumers[state.nextConsumer % state.consumers.length]!;
      state.nextConsumer = (state.nextConsumer + 1) % state.consumers.length;
      if (candidate.running.size < candidate.concurrency) return candidate;
    }
    return undefined;
  };

  // A FIFO has no unshift: rebuild it with the returned batch first, which keeps append order.
  const requeue = (state: StreamState, batch: StreamEntry[]): void => {
    const rest: StreamEntry[] = [];
    for (let entry = state.entries.shift(); entry !== undefined; entry = state.entries.shift())
      rest.push(entry);
    for (const entry of [...batch, ...rest]) state.entries.push(entry);
    schedulePump(state);
  };

  const closeConsumer = async (consumer: Consumer, state: StreamState): Promise<void> => {
    if (!consumer.stopped.signal.aborted) {
      consumer.stopped.abort();
      consumers.delete(consumer);
      state.consumers = state.consumers.filter((other) => other !== consumer);
    }
    await Promise.all(consumer.running);
  };

  return {
    append(stream: string, entries: readonly Json[]) {
      if (closed) return Promise.reject(new Error("the memory task queue is closed; create a new one"));
      const state = streamState(stream);
      for (const data of entries) state.entries.push({ id: String(state.nextId++), data });
      state.length += entries.length;
      schedulePump(state);
      return Promise.resolve();
    },

    consumeStream(stream, handler, options = {}): QueueConsumer {
      if (closed) throw new Error("the memory task queue is closed; create a new one");
      const { batch, concurrency } = streamConsumeSettings(options);
      const state = streamState(stream);
      const consumer: Consumer = {
        handler,
        batch,
        concurrency,
        stopped: new AbortController(),
        running: new Set(),
      };
      state.consumers.push(consumer);
      consumers.add(consumer);
      schedulePump(state);
      let closing: Promise<void> | undefined;
      return { close: () => (closing ??= closeConsumer(consumer, state)) };
    },

    streamLength(stream) {
      return Promise.resolve(streams.get(stream)?.length ?? 0);
    },

    async close() {
      closed = true;
      await Promise.all(
        [...streams.values()].flatMap((state) => state.consumers.map((c) => closeConsumer(c, state))),
      );
    },
  };
}
