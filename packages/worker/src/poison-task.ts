import { RESULTS_QUEUE, type QueueJob, type TaskJob, type TaskQueue } from "@stepflow/engine/queue";
import type { TaskFailureReport } from "./failure-of.ts";
import { isLambdaTask } from "./lambda-resource.ts";

/**
 * The queue poison tasks are moved to: one job per task (its token as the id) that no one consumes, so it
 * stays for an operator to inspect (`queue.counts(QUARANTINE_QUEUE)`, BullMQ tooling) and is never run.
 */
export const QUARANTINE_QUEUE = "stepflow-quarantine";

/** Stalls of one task's job a worker tolerates before it fails the task instead of running it again. */
export const DEFAULT_STALL_LIMIT = 5;

/** What a quarantined job holds: the task job as it was delivered, and why it was stopped. */
export interface QuarantinedTask {
  queue: string;
  stalls: number;
  stallLimit: number;
  worker: string;
  quarantinedAt: string;
  task: TaskJob;
}

/**
 * The failure of a task whose worker died (or lost its lock) `stalls` times while running it, more than
 * `stallLimit`. A Lambda resource fails as AWS fails a function that crashed without an error type
 * (`Lambda.Unknown`); any other fails with `States.TaskFailed`. Retry and Catch apply to both.
 */
export function poisonFailure(task: TaskJob, stalls: number, stallLimit: number): TaskFailureReport {
  const what = `the worker running this task stopped before finishing it ${stalls} times (the process exited or lost its queue lock; stall limit ${stallLimit}), so Stepflow stopped delivering it and moved it to the ${QUARANTINE_QUEUE} queue`;
  if (isLambdaTask(task)) {
    const payload = JSON.stringify({
      errorMessage: `RequestId: ${task.token} Error: Runtime exited without providing a reason: ${what}`,
    });
    return {
      error: "Lambda.Unknown",
      cause: `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`,
    };
  }
  return { error: "States.TaskFailed", cause: `Handler "${task.handler}" failed: ${what}.` };
}

/**
 * Stops a poison task: moves its job to {@link QUARANTINE_QUEUE}, then fails the task on the results queue
 * (the same report id as a handler's outcome, so a redelivery of this step reports nothing new). The caller
 * then completes the job, so it is not delivered again.
 */
export async function quarantineTask(
  queue: TaskQueue,
  job: QueueJob,
  task: TaskJob,
  stallLimit: number,
  worker: string,
): Promise<void> {
  const quarantined: QuarantinedTask = {
    queue: job.queue,
    stalls: job.stalls,
    stallLimit,
    worker,
    quarantinedAt: new Date().toISOString(),
    task,
  };
  await queue.add(QUARANTINE_QUEUE, { id: job.id, data: quarantined as never });
  await queue.add(task.replyTo ?? RESULTS_QUEUE, {
    id: `${task.token}.result`,
    data: { type: "TaskFailed", token: task.token, ...poisonFailure(task, job.stalls, stallLimit) },
  });
}
