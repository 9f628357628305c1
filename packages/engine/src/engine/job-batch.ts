import type { NewJob, TaskQueue } from "../ports/task-queue.ts";

/** Jobs per `addBulk` call: one Redis round trip each, small enough not to stall other clients. */
export const ADD_BULK_CHUNK = 500;

/** Chunks of one queue sent without waiting for the previous one's answer. */
const CHUNKS_IN_FLIGHT = 4;

interface Turn {
  readonly byQueue: Map<string, NewJob[]>;
  readonly done: Promise<void>;
}

/**
 * Adds the jobs of every dispatch of one event-loop turn together, per queue with `addBulk` in chunks of
 * {@link ADD_BULK_CHUNK}: 32 starts committed by one statement cost one `addBulk`, not 32 `add`s, and a Map
 * that schedules 10,000 tasks makes 20 round trips, not 10,000. Up to {@link CHUNKS_IN_FLIGHT} chunks are in
 * flight at once, so the queue stores one chunk while the next is built; one connection delivers them in
 * order, so jobs are still added in the order they were given.
 */
export class JobAdder {
  private turn: Turn | undefined;

  constructor(private readonly queue: TaskQueue) {}

  /** Resolves once the jobs are added (with the rest of this turn's), rejects if any of the turn's failed. */
  add(byQueue: ReadonlyMap<string, readonly NewJob[]>): Promise<void> {
    if (byQueue.size === 0) return Promise.resolve();
    const turn = (this.turn ??= this.nextTurn());
    for (const [queue, jobs] of byQueue) {
      const pending = turn.byQueue.get(queue);
      if (pending === undefined) turn.byQueue.set(queue, [...jobs]);
      else pending.push(...jobs);
    }
    return turn.done;
  }

  private nextTurn(): Turn {
    const byQueue = new Map<string, NewJob[]>();
    const done = new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.turn = undefined;
        this.send(byQueue).then(resolve, reject);
      });
    });
    return { byQueue, done };
  }

  private async send(byQueue: ReadonlyMap<string, NewJob[]>): Promise<void> {
    await Promise.all(
      [...byQueue].map(async ([queue, jobs]) => {
        const sending = new Set<Promise<void>>();
        for (let at = 0; at < jobs.length; at += ADD_BULK_CHUNK) {
          const chunk = jobs.slice(at, at + ADD_BULK_CHUNK);
          const sent =
            chunk.length === 1 ? this.queue.add(queue, chunk[0]!) : this.queue.addBulk(queue, chunk);
          sending.add(sent);
          void sent.then(
            () => sending.delete(sent),
            () => sending.delete(sent),
          );
          if (sending.size >= CHUNKS_IN_FLIGHT) await Promise.race(sending);
        }
        await Promise.all(sending);
      }),
    );
  }
}

/** The jobs of one dispatch, in order; `flush` hands what was pushed so far to the {@link JobAdder}. */
export class JobBatch {
  private byQueue = new Map<string, NewJob[]>();

  constructor(private readonly adder: JobAdder) {}

  push(queue: string, job: NewJob): void {
    let jobs = this.byQueue.get(queue);
    if (jobs === undefined) this.byQueue.set(queue, (jobs = []));
    jobs.push(job);
  }

  /** Adds everything pushed so far (in push order per queue) and empties the batch. */
  flush(): Promise<void> {
    const byQueue = this.byQueue;
    this.byQueue = new Map();
    return this.adder.add(byQueue);
  }
}
