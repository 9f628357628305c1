import type { Json } from "@stepflow/asl";
import {
  newTaskToken,
  RESULTS_STREAM,
  taskQueueName,
  type QueueConsumer,
  type TaskJob,
  type TaskQueue,
  type TaskReport,
} from "@stepflow/engine";
import { Worker, type HandlerMap, type WorkerOptions } from "../../src/index.ts";

/** A report as it arrived on the results stream, with the stream entry's id. */
export interface ReceivedReport {
  readonly id: string;
  readonly report: TaskReport;
}

/** A task queue adapter under test, freshly opened, and how to dispose of it. */
export interface QueueSubject {
  readonly queue: TaskQueue;
  dispose(): Promise<void>;
}

/**
 * Plays the engine's side of the queue for one test: dispatches TaskJobs, collects everything workers
 * report on RESULTS_STREAM, and closes the workers, the results consumer and the queue afterwards.
 */
export class WorkerHarness {
  readonly reports: ReceivedReport[] = [];
  readonly #subject: QueueSubject;
  readonly #results: QueueConsumer;
  readonly #workers: Worker[] = [];
  #sequence = 0;

  constructor(subject: QueueSubject) {
    this.#subject = subject;
    this.#results = subject.queue.consumeStream(RESULTS_STREAM, (entries) => {
      for (const entry of entries) {
        this.reports.push({ id: entry.id, report: entry.data as unknown as TaskReport });
      }
      return Promise.resolve();
    });
  }

  get queue(): TaskQueue {
    return this.#subject.queue;
  }

  /** Starts a worker on the harness's queue; `dispose()` closes it. */
  async worker<H extends HandlerMap>(options: Omit<WorkerOptions<H>, "queue">): Promise<Worker<H>> {
    const worker = new Worker({ ...options, queue: this.queue });
    this.#workers.push(worker);
    await worker.start();
    return worker;
  }

  /** Adds a TaskJob for `handler` as the engine's dispatcher does, and returns it. */
  async dispatch(handler: string, fields: Partial<TaskJob> = {}): Promise<TaskJob> {
    this.#sequence++;
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:Orders:run-${this.#sequence}`;
    const job: TaskJob = {
      token: newTaskToken(executionArn),
      executionArn,
      stateName: "Charge",
      handler,
      resource: `arn:aws:states:us-east-1:123456789012:activity:${handler}`,
      input: { sequence: this.#sequence },
      attempt: 0,
      ...fields,
    };
    await this.queue.add(taskQueueName(handler), { id: job.token, data: job as unknown as Json });
    return job;
  }

  /** The reports for one task token, in arrival order. */
  reportsOf(token: string): ReceivedReport[] {
    return this.reports.filter((received) => received.report.token === token);
  }

  /** Resolves with the task's outcome (TaskSucceeded or TaskFailed), waiting for it to arrive. */
  async result(token: string, timeoutMs = 10_000): Promise<TaskReport> {
    const outcome = () =>
      this.reports.find(
        (r) =>
          r.report.token === token && (r.report.type === "TaskSucceeded" || r.report.type === "TaskFailed"),
      );
    await eventually(`the result of ${token}`, () => outcome() !== undefined, timeoutMs);
    return outcome()!.report;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.close({ timeoutMs: 1_000 })));
    await this.#results.close();
    await this.#subject.dispose();
  }
}

/** Resolves once `condition()` holds, polling; rejects after `timeoutMs` naming `what`. */
export async function eventually(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** A promise to resolve by hand. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
