import type { Json } from "@stepflow/asl";
import type { QueueConsumer, QueueJob } from "../ports/task-queue.ts";
import type { JobSql } from "./postgres-job-sql.ts";
import type { PubSub } from "./pub-sub.ts";
import { retryDelayMs, type RetryPolicy } from "./retry-policy.ts";

/** A pool to query (the queue's; not closed here). */
export interface JobPool {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/** What {@link consumePostgresJobs} needs besides the queue and handler. */
export interface PostgresJobConsumerOptions {
  readonly pool: JobPool;
  readonly sql: JobSql;
  /** Resolves once the job table exists. */
  readonly ready: Promise<unknown>;
  /** Wakes the consumer when jobs of its queue are added (NOTIFY); `pollIntervalMs` backs it up. */
  readonly pubSub: PubSub;
  readonly topic: string;
  readonly concurrency: number;
  readonly retry: RetryPolicy;
  readonly lockDurationMs: number;
  readonly pollIntervalMs: number;
  readonly onError: (error: Error) => void;
}

interface LeasedRow {
  id: string;
  data: Json;
  deliveries: number;
  stalls: number;
  lease: string;
  seq: string;
  ctid: string;
}

/** A job this consumer leased and has not yet completed or rescheduled in the table. */
interface Held {
  readonly id: string;
  readonly lease: string;
  /** Where the row is now: the lease's, then each renewal's. */
  ctid: string;
}

/**
 * Delivers the jobs of `queue` to `handler`, at most `concurrency` at once. One UPDATE leases as many due
 * jobs as there are free handler slots (never more, so a job counted active is one being handled; a local
 * buffer beyond that measured no faster in the engine benchmark); the jobs whose handlers finished
 * meanwhile are deleted (or rescheduled, when the handler threw) by one statement per batch, run alongside
 * the next lease. The leases of jobs held are renewed together every third of `lockDurationMs`, never at
 * the same time as a completion (which finds rows where the renewal left them). A job is deleted only after
 * its handler resolved, so a process killed at any point loses nothing: its leases expire and the jobs are
 * delivered again, counting a stall.
 */
export function consumePostgresJobs(
  queue: string,
  handler: (job: QueueJob) => Promise<void>,
  options: PostgresJobConsumerOptions,
): QueueConsumer {
  const { pool, sql, retry, concurrency, onError } = options;
  const leaseSeconds = options.lockDurationMs / 1000;
  const held = new Map<string, Held>();
  const inFlight = new Set<Promise<void>>();
  let completed: Held[] = [];
  let rescheduled: { job: Held; delaySeconds: number }[] = [];
  let renewDue = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  const unsubscribing = options.pubSub.subscribe(options.topic, poke);
  unsubscribing.catch(onError);

  const start = (row: LeasedRow): void => {
    const job: Held = { id: row.id, lease: row.lease, ctid: row.ctid };
    held.set(row.lease, job);
    // Every delivery before this one either failed or stalled.
    const failuresBefore = row.deliveries - 1 - row.stalls;
    const delivered: QueueJob = {
      id: row.id,
      queue,
      data: row.data,
      attemptsMade: row.deliveries - 1,
      stalls: row.stalls,
    };
    const run = Promise.resolve()
      .then(() => handler(delivered))
      .then(
        () => {
          completed.push(job);
        },
        () => {
          const failures = failuresBefore + 1;
          // Past the policy's attempts the job is dropped, as BullMQ drops a job that failed for good.
          if (failures >= retry.attempts) completed.push(job);
          else rescheduled.push({ job, delaySeconds: retryDelayMs(retry, failures) / 1000 });
        },
      )
      .finally(() => {
        inFlight.delete(run);
        poke();
      });
    inFlight.add(run);
  };

  /** Writes what finished handlers decided, one statement per kind; on failure keeps it for next time. */
  const flush = async (): Promise<void> => {
    if (completed.length === 0 && rescheduled.length === 0) return;
    const done = completed;
    const again = rescheduled;
    completed = [];
    rescheduled = [];
    try {
      await Promise.all([
        done.length > 0 &&
          pool.query(sql.complete, [done.map((job) => job.ctid), done.map((job) => job.lease)]),
        again.length > 0 &&
          pool.query(sql.retry, [
            again.map(({ job }) => job.ctid),
            again.map(({ job }) => job.lease),
            again.map(({ delaySeconds }) => delaySeconds),
          ]),
      ]);
    } catch (error) {
      // Written again next time (a statement that did succeed then matches nothing).
      completed.push(...done);
      rescheduled.push(...again);
      throw error;
    }
    for (const job of done) held.delete(job.lease);
    for (const { job } of again) held.delete(job.lease);
  };

  /** Extends the leases of every job held; a lease lost meanwhile (another consumer took it) matches nothing. */
  const renew = async (): Promise<void> => {
    renewDue = false;
    const jobs = [...held.values()];
    if (jobs.length === 0) return;
    const { rows } = await pool.query<{ lease: string; ctid: string }>(sql.renew, [
      queue,
      jobs.map((job) => job.id),
      jobs.map((job) => job.lease),
      leaseSeconds,
    ]);
    for (const row of rows) {
      const job = held.get(row.lease);
      if (job !== undefined) job.ctid = row.ctid;
    }
  };

  /** The consumer's writes, one after the other: completions and retries, then a renewal when due. */
  const write = async (): Promise<void> => {
    await flush();
    if (renewDue) await renew();
  };

  const lease = async (most: number): Promise<LeasedRow[]> => {
    const { rows } = await pool.query<LeasedRow>(sql.lease, [queue, most, leaseSeconds]);
    // RETURNING has no order: hand them out in the order they were added.
    return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
  };

  /** How long to sleep when no job is due: until the next one is, at most one poll interval. */
  const idleMs = async (): Promise<number> => {
    const { rows } = await pool.query<{ ms: number | null }>(sql.nextVisibleMs, [queue]);
    const ms = rows[0]?.ms ?? null;
    return ms === null ? options.pollIntervalMs : Math.min(Math.max(ms, 0), options.pollIntervalMs);
  };

  const renewal = setInterval(() => {
    renewDue = true;
    poke();
  }, options.lockDurationMs / 3);

  // Runs until closed and every handler's outcome is written (or its last write failed: its lease then
  // expires and the job comes back).
  const loop = async (): Promise<void> => {
    await options.ready;
    for (;;) {
      // Armed before looking, so a NOTIFY or a finished handler during the look is not missed.
      const woken = new Promise<void>((resolve) => (wake = resolve));
      let sleepMs = options.pollIntervalMs;
      try {
        const free = stopped ? 0 : concurrency - inFlight.size;
        const [, rows] = await Promise.all([write(), free > 0 ? lease(free) : []]);
        for (const row of rows) start(row);
        if (stopped && inFlight.size === 0 && completed.length + rescheduled.length === 0) return;
        if (free > 0 && rows.length === free) continue;
        // Full: a finishing handler wakes the loop. Otherwise sleep until the next job is due.
        if (free > 0) sleepMs = await idleMs();
      } catch (error) {
        onError(error as Error);
        // Closing and the last write failed: those leases expire and their jobs come back.
        if (stopped && inFlight.size === 0) return;
      }
      const timer = setTimeout(poke, sleepMs);
      await woken;
      clearTimeout(timer);
    }
  };

  const looping = loop().catch(onError);
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        stopped = true;
        poke();
        await looping;
        // Only when `ready` failed can handlers remain (none: nothing was leased).
        await Promise.all(inFlight);
        clearInterval(renewal);
        const unsubscribe = await unsubscribing.catch(() => undefined);
        await unsubscribe?.();
      })();
      return closing;
    },
  };
}
