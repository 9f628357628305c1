import type { StreamEntry } from "../ports/task-stream.ts";
import { retryDelayMs, type RetryPolicy } from "./retry-policy.ts";

/**
 * Hands one batch of stream entries to a handler until it resolves: after a throw it waits the retry
 * policy's backoff and tries again, as a job is redelivered. Resolves true once the batch is done with
 * (handled, or dropped after `retry.attempts` deliveries, as a job would be), false when `stopped` fired
 * first: the batch is then left unacknowledged, for a later consumer.
 */
export async function handleBatch(
  handler: (entries: StreamEntry[]) => Promise<void>,
  entries: StreamEntry[],
  retry: RetryPolicy,
  stopped: AbortSignal,
): Promise<boolean> {
  for (let failures = 0; ;) {
    try {
      await handler(entries);
      return true;
    } catch {
      failures++;
      if (failures >= retry.attempts) return true;
    }
    if (stopped.aborted) return false;
    await abortableSleep(retryDelayMs(retry, failures), stopped);
    if (stopped.aborted) return false;
  }
}

/** Waits `ms`, or less when `signal` fires. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

/** Checks a stream consumer's options; returns the batch size and concurrency. */
export function streamConsumeSettings(options: { batch?: number; concurrency?: number }): {
  batch: number;
  concurrency: number;
} {
  const batch = options.batch ?? 500;
  const concurrency = options.concurrency ?? 1;
  for (const [name, value] of [
    ["batch", batch],
    ["concurrency", concurrency],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer, got ${value}`);
    }
  }
  return { batch, concurrency };
}
