import type { Json } from "@stepflow/asl";
import type { QueueConsumer } from "./task-queue.ts";

/** An entry of a stream, as a stream consumer sees it. */
export interface StreamEntry {
  /** Unique within its stream while the entry exists; increases in append order. */
  id: string;
  data: Json;
}

/** Options of a stream consumer. */
export interface StreamConsumeOptions {
  /** Most entries per handler call. Default 500. */
  batch?: number;
  /** Handler calls in flight at once (later batches are read while earlier ones are handled). Default 1. */
  concurrency?: number;
}

/**
 * Append-only streams of small messages (workers' task reports), the cheap half of a {@link TaskQueue}: no
 * ids to deduplicate, no delays, no per-message job state. An appended entry is durable as its backend
 * allows; consumers of one stream share its entries (each entry goes to one consumer at a time) and take
 * them in batches, at least once: a batch whose handler throws is delivered again after a backoff, and the
 * batches of a consumer whose process died are taken over by another consumer once they have been
 * unacknowledged for the backend's lock duration. So handlers must be idempotent.
 */
export interface TaskStream {
  /** Appends `entries` to `stream`, in order, in one round trip where the backend allows. */
  append(stream: string, entries: readonly Json[]): Promise<void>;
  /** Delivers the entries of `stream` to `handler` in batches (in append order within a batch). */
  consumeStream(
    stream: string,
    handler: (entries: StreamEntry[]) => Promise<void>,
    options?: StreamConsumeOptions,
  ): QueueConsumer;
  /** Entries appended and not yet handled (for metrics, health checks and tests). */
  streamLength(stream: string): Promise<number>;
}
