import { isLambdaResource, type QueueJob, type TaskJob, type TaskQueue } from "@stepflow/engine/queue";
import type { TaskFailureReport } from "./failure-of.ts";
import { TaskFailure } from "./task-failure.ts";
import type { AnyTaskHandler } from "./task-handler.ts";

/**
 * The queue poison tasks are moved to: one job per task (its token as the id) that no one consumes, so it
 * stays for an operator to inspect and drop (see quarantine.ts: `/v1/quarantine`, `stepflow quarantine`)
 * and is never run.
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
export function poisonFailure(
  task: TaskJob,
  stalls: number,
  stallLimit: number,
): Required<TaskFailureReport> {
  const what = `the worker running this task stopped before finishing it ${stalls} times (the process exited or lost its queue lock; stall limit ${stallLimit}), so Stepflow stopped delivering it and moved it to the ${QUARANTINE_QUEUE} queue`;
  if (task.lambdaInvoke === true || isLambdaResource(task.resource)) {
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
 * What a worker runs instead of the handler for a job that stalled more than `stallLimit` times: it moves
 * the job to {@link QUARANTINE_QUEUE}, then throws the {@link poisonFailure}, which the run reports like any
 * handler's failure. The job then completes, so it is not delivered again.
 */
export function poisonHandler(
  queue: TaskQueue,
  job: QueueJob,
  stallLimit: number,
  worker: string,
): AnyTaskHandler {
  return async () => {
    // The worker checked the job with parseTaskJob before running any handler for it.
    const task = job.data as unknown as TaskJob;
    const quarantined: QuarantinedTask = {
      queue: job.queue,
      stalls: job.stalls,
      stallLimit,
      worker,
      quarantinedAt: new Date().toISOString(),
      task,
    };
    await queue.add(QUARANTINE_QUEUE, { id: job.id, data: quarantined as never });
    const { error, cause } = poisonFailure(task, job.stalls, stallLimit);
    throw new TaskFailure(error, cause);
  };
}
