import type { Json } from "@stepflow/asl";
import type {
  ConsumeOptions,
  ListedJob,
  NewJob,
  QueueConsumer,
  QueueJob,
  TaskQueue,
} from "../ports/task-queue.ts";
import { DueHeap } from "../queue/due-heap.ts";
import { JobFifo } from "../queue/job-fifo.ts";
import { listPage } from "../queue/list-page.ts";
import { createMemoryTaskStream } from "../queue/memory-task-stream.ts";
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from "../queue/retry-policy.ts";

/** The longest delay setTimeout accepts. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Options of {@link createMemoryTaskQueue}. */
export interface MemoryTaskQueueOptions {
  /** Redelivery of jobs whose handler threw. Defaults to {@link defaultRetryPolicy}. */
  retry?: RetryPolicy;
}

type JobState = "waiting" | "delayed" | "active" | "gone";

// `job` is what handlers receive, made once per job and reused by every delivery; the queue's own count
// of failures lives here, so a handler that writes to its job cannot change what the queue does.
interface MemoryJob {
  readonly job: QueueJob;
  failures: number;
  state: JobState;
  dueAt: number;
}

interface Consumer {
  readonly state: QueueState;
  readonly handler: (job: QueueJob) => Promise<void>;
  readonly concurrency: number;
  running: number;
  closed: boolean;
  idle: (() => void) | undefined;
}

interface QueueState {
  readonly name: string;
  readonly jobs: Map<string, MemoryJob>;
  readonly waiting: JobFifo<MemoryJob>;
  waitingCount: number;
  delayedCount: number;
  activeCount: number;
  consumers: Consumer[];
  nextConsumer: number;
  pumpScheduled: boolean;
}

/**
 * An in-process {@link TaskQueue} for the embedded mode: the same contract as BullMQ (jobs deduplicated by
 * id while waiting, delayed or active; delays; per-consumer concurrency; redelivery with backoff when a
 * handler throws), with no durability: what is queued lives only as long as the process. Job data is not
 * copied, so callers must not mutate it after `add`.
 *
 * @example
 * const queue = createMemoryTaskQueue();
 * const consumer = queue.consume("lambda-hello", async (job) => console.log(job.data), { concurrency: 8 });
 * await queue.add("lambda-hello", { id: "task-1", data: { name: "world" } });
 */
export function createMemoryTaskQueue(options: MemoryTaskQueueOptions = {}): TaskQueue {
  const retry = options.retry ?? defaultRetryPolicy;
  const now = Date.now;
  const queues = new Map<string, QueueState>();
  const delayed = new DueHeap<MemoryJob>();
  // A map rather than an EventEmitter: a topic named "error" must not turn into a thrown exception.
  const topics = new Map<string, Set<(message: Json) => void>>();
  const consumers = new Set<Consumer>();
  let timer: NodeJS.Timeout | undefined;
  let timerDueAt = Infinity;
  let closed = false;
  const stream = createMemoryTaskStream(retry);

  const queueState = (name: string): QueueState => {
    let state = queues.get(name);
    if (state === undefined) {
      state = {
        name,
        jobs: new Map(),
        waiting: new JobFifo(),
        waitingCount: 0,
        delayedCount: 0,
        activeCount: 0,
        consumers: [],
        nextConsumer: 0,
        pumpScheduled: false,
      };
      queues.set(name, state);
    }
    return state;
  };

  const assertOpen = (): void => {
    if (closed) throw new Error("the memory task queue is closed; create a new one");
  };

  const makeWaiting = (state: QueueState, job: MemoryJob): void => {
    job.state = "waiting";
    state.waitingCount++;
    state.waiting.push(job);
    schedulePump(state);
  };

  const makeDelayed = (state: QueueState, job: MemoryJob, delayMs: number): void => {
    job.state = "delayed";
    job.dueAt = now() + delayMs;
    state.delayedCount++;
    delayed.push(job);
    armTimer();
  };

  const armTimer = (): void => {
    const first = delayed.peek();
    if (first === undefined || first.dueAt >= timerDueAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerDueAt = first.dueAt;
    // Unref'd: pending delays alone must not keep the process alive (durable timers live in the store).
    // setTimeout holds at most 2^31-1 ms; a later job re-arms when this fires.
    timer = setTimeout(fireTimer, Math.min(MAX_TIMEOUT_MS, Math.max(0, first.dueAt - now()))).unref();
  };

  const fireTimer = (): void => {
    timer = undefined;
    timerDueAt = Infinity;
    const time = now();
    for (let job = delayed.peek(); job !== undefined && job.dueAt <= time; job = delayed.peek()) {
      delayed.pop();
      // A removed job (or one re-added under the same id since) is skipped here rather than searched for.
      if (job.state !== "delayed") continue;
      const state = queueState(job.job.queue);
      state.delayedCount--;
      makeWaiting(state, job);
    }
    armTimer();
  };

  const schedulePump = (state: QueueState): void => {
    if (state.pumpScheduled || state.consumers.length === 0) return;
    state.pumpScheduled = true;
    // Delivering on a microtask keeps handlers from running inside the caller's `add`.
    queueMicrotask(() => {
      state.pumpScheduled = false;
      pump(state);
    });
  };

  const pump = (state: QueueState): void => {
    const consumers = state.consumers;
    while (state.waitingCount > 0 && consumers.length > 0) {
      let consumer: Consumer | undefined;
      // Round-robin over consumers so several consumers of one queue share the work.
      for (let tried = 0; tried < consumers.length; tried++) {
        const candidate = consumers[state.nextConsumer % consumers.length] as Consumer;
        state.nextConsumer = (state.nextConsumer + 1) % consumers.length;
        if (candidate.running < candidate.concurrency) {
          consumer = candidate;
          break;
        }
      }
      if (consumer === undefined) return;
      const job = state.waiting.shift();
      if (job === undefined) return;
      if (job.state !== "waiting") continue;
      state.waitingCount--;
      state.activeCount++;
      job.state = "active";
      consumer.running++;
      deliver(state, consumer, job);
    }
  };

  const deliver = (state: QueueState, consumer: Consumer, job: MemoryJob): void => {
    let result: Promise<void>;
    job.job.attemptsMade = job.failures;
    try {
      result = consumer.handler(job.job);
    } catch {
      // A handler that throws before returning its promise fails the delivery like one that rejects.
      result = Promise.reject(new Error("handler threw"));
    }
    result.then(
      () => finish(state, consumer, job, true),
      () => finish(state, consumer, job, false),
    );
  };

  const finish = (state: QueueState, consumer: Consumer, job: MemoryJob, succeeded: boolean): void => {
    state.activeCount--;
    consumer.running--;
    if (succeeded || job.failures + 1 >= retry.attempts || closed) {
      job.state = "gone";
      state.jobs.delete(job.job.id);
    } else {
      job.failures++;
      makeDelayed(state, job, retryDelayMs(retry, job.failures));
    }
    if (consumer.running === 0 && consumer.idle !== undefined) consumer.idle();
    pump(state);
  };

  const addOne = (queue: string, newJob: NewJob): void => {
    if (newJob.id === "") throw new TypeError("a job id must not be empty");
    const state = queueState(queue);
    if (state.jobs.has(newJob.id)) return;
    const job: MemoryJob = {
      job: { id: newJob.id, queue, data: newJob.data, attemptsMade: 0, stalls: 0 },
      failures: 0,
      state: "waiting",
      dueAt: 0,
    };
    state.jobs.set(newJob.id, job);
    const delayMs = newJob.delayMs ?? 0;
    if (delayMs > 0) makeDelayed(state, job, delayMs);
    else makeWaiting(state, job);
  };

  const closeConsumer = async (consumer: Consumer): Promise<void> => {
    if (!consumer.closed) {
      consumer.closed = true;
      consumers.delete(consumer);
      consumer.state.consumers = consumer.state.consumers.filter((other) => other !== consumer);
    }
    if (consumer.running === 0) return;
    await new Promise<void>((resolve) => {
      const previous = consumer.idle;
      consumer.idle = () => {
        previous?.();
        resolve();
      };
    });
  };

  return {
    kind: "memory",
    append: (name, entries) => stream.append(name, entries),
    consumeStream: (name, handler, options) => stream.consumeStream(name, handler, options),
    streamLength: (name) => stream.streamLength(name),

    add(queue, job) {
      assertOpen();
      addOne(queue, job);
      return Promise.resolve();
    },

    addBulk(queue, jobs) {
      assertOpen();
      for (const job of jobs) addOne(queue, job);
      return Promise.resolve();
    },

    remove(queue, id) {
      const state = queues.get(queue);
      const job = state?.jobs.get(id);
      if (state === undefined || job === undefined) return Promise.resolve();
      if (job.state === "waiting") state.waitingCount--;
      else if (job.state === "delayed") state.delayedCount--;
      else return Promise.resolve();
      job.state = "gone";
      state.jobs.delete(id);
      return Promise.resolve();
    },

    // async: bad options reject, as on the other adapters, rather than throw.
    // eslint-disable-next-line @typescript-eslint/require-await
    async list(queue, listOptions) {
      const { offset, limit } = listPage(listOptions);
      const page: ListedJob[] = [];
      let skipped = 0;
      // The FIFO still holds removed jobs (skipped on delivery too); only those still waiting are listed.
      for (const job of queues.get(queue)?.waiting ?? []) {
        if (page.length === limit) break;
        if (job.state !== "waiting") continue;
        if (skipped++ < offset) continue;
        page.push({ id: job.job.id, data: job.job.data });
      }
      return page;
    },

    consume(queue, handler, consumeOptions: ConsumeOptions = {}): QueueConsumer {
      assertOpen();
      const concurrency = consumeOptions.concurrency ?? 1;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
      }
      const state = queueState(queue);
      const consumer: Consumer = { state, handler, concurrency, running: 0, closed: false, idle: undefined };
      state.consumers.push(consumer);
      consumers.add(consumer);
      schedulePump(state);
      return { close: () => closeConsumer(consumer) };
    },

    publish(topic, message) {
      assertOpen();
      const listeners = topics.get(topic);
      if (listeners !== undefined) {
        for (const listener of listeners) {
          // A throwing listener must not reach the publisher or starve the others, as with Redis.
          try {
            listener(message);
          } catch {
            // Best-effort broadcast: the listener owns its errors.
          }
        }
      }
      return Promise.resolve();
    },

    subscribe(topic, listener) {
      assertOpen();
      // Wrapped so that subscribing one function twice gives two independent subscriptions.
      const entry = (message: Json): void => listener(message);
      let listeners = topics.get(topic);
      if (listeners === undefined) topics.set(topic, (listeners = new Set()));
      listeners.add(entry);
      return Promise.resolve(() => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
        return Promise.resolve();
      });
    },

    counts(queue) {
      const state = queues.get(queue);
      return Promise.resolve({
        waiting: state?.waitingCount ?? 0,
        delayed: state?.delayedCount ?? 0,
        active: state?.activeCount ?? 0,
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      topics.clear();
      await Promise.all([...consumers].map(closeConsumer));
      await stream.close();
    },
  };
}
