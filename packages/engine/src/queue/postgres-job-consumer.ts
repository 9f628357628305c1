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
  stamp: string;
  due: number;
  placed: string;
}

/** A job this consumer leased and has not yet completed or rescheduled in the table. */
interface Held {
  readonly id: string;
  readonly stamp: string;
}

/**
 * Delivers the jobs of `queue` to `handler`, at most `concurrency` at once. One UPDATE leases as many due
 * jobs as there are free handler slots (never more, so a job counted active is one being handled); the
 * jobs whose handlers finished meanwhile are deleted (or rescheduled, when the handler threw) by one
 * statement per batch, run alongside the next lease. The leases of jobs still held are renewed together
 * every third of `lockDurationMs`. A job is deleted only after its handler resolved, so a process killed
 * at any point loses nothing: its leases expire and the jobs are delivered again, counting a stall.
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
  let stopped = false;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();
  const unsubscribing = options.pubSub.subscribe(options.topic, poke);
  unsubscribing.catch(onError);

  const start = (row: LeasedRow): void => {
    const job: Held = { id: row.id, stamp: row.stamp };
    held.set(row.stamp, job);
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
          pool.query(sql.complete, [queue, done.map((job) => job.id), done.map((job) => job.stamp)]),
        again.length > 0 &&
          pool.query(sql.retry, [
            queue,
            again.map(({ job }) => job.id),
            again.map(({ job }) => job.stamp),
            again.map(({ delaySeconds }) => delaySeconds),
          ]),
      ]);
    } catch (error) {
      // Written again next time (a statement that did succeed then matches nothing).
      completed.push(...done);
      rescheduled.push(...again);
      throw error;
    }
    for (const job of done) held.delete(job.stamp);
    for (const { job } of again) held.delete(job.stamp);
  };

  const lease = async (most: number): Promise<LeasedRow[]> => {
    const { rows } = await pool.query<LeasedRow>(sql.lease, [queue, most, leaseSeconds]);
    // RETURNING has no order: hand them out in the order they were due, then added.
    return rows.sort((a, b) => a.due - b.due || (BigInt(a.placed) < BigInt(b.placed) ? -1 : 1));
  };

  /** How long to sleep when no job is due: until the next one is, at most one poll interval. */
  const idleMs = async (): Promise<number> => {
    const { rows } = await pool.query<{ ms: number | null }>(sql.nextVisibleMs, [queue]);
    const ms = rows[0]?.ms ?? null;
    return ms === null ? options.pollIntervalMs : Math.min(Math.max(ms, 0), options.pollIntervalMs);
  };

  let renewing = false;
  const renew = async (): Promise<void> => {
    if (renewing || held.size === 0) return;
    renewing = true;
    const jobs = [...held.values()];
    try {
      // A lease lost meanwhile (it expired and another consumer took the job) matches nothing.
      await pool.query(sql.renew, [
        queue,
        jobs.map((job) => job.id),
        jobs.map((job) => job.stamp),
        leaseSeconds,
      ]);
    } catch (error) {
      onError(error as Error);
    } finally {
      renewing = false;
    }
  };
  const renewal = setInterval(() => void renew(), options.lockDurationMs / 3);
  renewal.unref();

  const loop = async (): Promise<void> => {
    await options.ready;
    while (!stopped) {
      // Armed before looking, so a NOTIFY or a finished handler during the look is not missed.
      const woken = new Promise<void>((resolve) => (wake = resolve));
      let sleepMs = options.pollIntervalMs;
      try {
        const free = concurrency - inFlight.size;
        const [, rows] = await Promise.all([flush(), free > 0 ? lease(free) : []]);
        for (const row of rows) start(row);
        if (stopped) break;
        if (free > 0 && rows.length === free) continue;
        // Full: a finishing handler wakes the loop. Otherwise sleep until the next job is due.
        if (free > 0) sleepMs = await idleMs();
      } catch (error) {
        if (stopped) break;
        onError(error as Error);
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
        await Promise.all(inFlight);
        // The last handlers' outcomes; if this fails, their leases expire and the jobs come back.
        await flush().catch(onError);
        clearInterval(renewal);
        const unsubscribe = await unsubscribing.catch(() => undefined);
        await unsubscribe?.();
      })();
      return closing;
    },
  };
}
