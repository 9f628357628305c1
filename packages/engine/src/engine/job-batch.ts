import type { NewJob, TaskQueue } from "../ports/task-queue.ts";

/** Jobs per `addBulk` call: one Redis round trip each, small enough not to stall other clients. */
export const ADD_BULK_CHUNK = 500;

/** Chunks of one queue sent without waiting for the previous one's answer. */
const CHUNKS_IN_FLIGHT = 4;

/**
 * Jobs collected while one advance's commands are dispatched, added per queue with `addBulk` in chunks of
 * {@link ADD_BULK_CHUNK}: a Map that schedules 10,000 tasks makes 20 round trips, not 10,000. Up to
 * {@link CHUNKS_IN_FLIGHT} chunks are in flight at once, so the queue stores one chunk while the next is
 * built; one connection delivers them in order, so jobs are still added in push order.
 */
export class JobBatch {
  private readonly byQueue = new Map<string, NewJob[]>();

  constructor(private readonly queue: TaskQueue) {}

  push(queue: string, job: NewJob): void {
    let jobs = this.byQueue.get(queue);
    if (jobs === undefined) this.byQueue.set(queue, (jobs = []));
    jobs.push(job);
  }

  /** Adds everything pushed so far (in push order per queue) and empties the batch. */
  async flush(): Promise<void> {
    const batches = [...this.byQueue];
    this.byQueue.clear();
    await Promise.all(
      batches.map(async ([queue, jobs]) => {
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
