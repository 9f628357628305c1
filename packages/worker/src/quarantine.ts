import type { Json } from "@stepflow/asl";
import type { ListedJob, TaskJob, TaskQueue } from "@stepflow/engine/queue";
import { poisonFailure, QUARANTINE_QUEUE, type QuarantinedTask } from "./poison-task.ts";

/**
 * One quarantined task as an operator sees it: which task of which execution, why it was stopped (the
 * error and cause its Task failed with), and when. `id` is the job's id, the task token.
 */
export interface QuarantineEntry {
  id: string;
  executionArn: string;
  stateName: string;
  resource: string;
  handler: string;
  /** Retries of the state before this attempt. */
  attempt: number;
  /** What the Task failed with: `Lambda.Unknown` or `States.TaskFailed`. */
  error: string;
  cause: string;
  /** The task queue it came from, its stalls there, the limit it passed and the worker that stopped it. */
  queue: string;
  stalls: number;
  stallLimit: number;
  worker: string;
  quarantinedAt: string;
}

/** A quarantined task with the input its handler was given (kept out of listings: up to 256 KiB each). */
export interface QuarantineDetail extends QuarantineEntry {
  input: Json;
}

/** Most entries {@link findQuarantined} reads per page while looking for one. */
const SCAN_PAGE = 1000;

/** The operator's view of a quarantined job (as {@link poisonHandler} wrote it). */
export function quarantineDetail(job: ListedJob): QuarantineDetail {
  const held = job.data as unknown as QuarantinedTask;
  const task: TaskJob = held.task;
  const { error, cause } = poisonFailure(task, held.stalls, held.stallLimit);
  return {
    id: job.id,
    executionArn: task.executionArn,
    stateName: task.stateName,
    resource: task.resource,
    handler: task.handler,
    attempt: task.attempt,
    error,
    cause,
    queue: held.queue,
    stalls: held.stalls,
    stallLimit: held.stallLimit,
    worker: held.worker,
    quarantinedAt: held.quarantinedAt,
    input: task.input,
  };
}

/** Quarantined tasks, oldest first, a page at a time (`limit` 1-1000, default 100). */
export async function listQuarantined(
  queue: TaskQueue,
  page: { offset?: number; limit?: number } = {},
): Promise<QuarantineEntry[]> {
  const jobs = await queue.list(QUARANTINE_QUEUE, page);
  return jobs.map((job) => {
    const { input: _input, ...entry } = quarantineDetail(job);
    return entry;
  });
}

/** How many tasks are quarantined. */
export async function countQuarantined(queue: TaskQueue): Promise<number> {
  return (await queue.counts(QUARANTINE_QUEUE)).waiting;
}

/**
 * The quarantined task of token `id`, or undefined. The queue has no lookup by id, so this reads the
 * quarantine a page at a time: it holds only tasks that killed their worker stallLimit + 1 times.
 */
export async function findQuarantined(queue: TaskQueue, id: string): Promise<QuarantineDetail | undefined> {
  for (let offset = 0; ; offset += SCAN_PAGE) {
    const jobs = await queue.list(QUARANTINE_QUEUE, { offset, limit: SCAN_PAGE });
    const job = jobs.find((candidate) => candidate.id === id);
    if (job !== undefined) return quarantineDetail(job);
    if (jobs.length < SCAN_PAGE) return undefined;
  }
}

/**
 * Drops the quarantined task of token `id` for good; resolves to the entry dropped, or undefined when
 * there was none. Its Task failed when it was quarantined (see {@link poisonFailure}): dropping changes
 * no execution. Run the work again by redriving the execution (RedriveExecution), never by re-adding the
 * job, whose token the engine no longer waits for.
 */
export async function dropQuarantined(queue: TaskQueue, id: string): Promise<QuarantineDetail | undefined> {
  const found = await findQuarantined(queue, id);
  if (found !== undefined) await queue.remove(QUARANTINE_QUEUE, id);
  return found;
}
