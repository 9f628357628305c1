import type { Json, TaskPurpose } from "@stepflow/asl";

/** Queue of the worker handler `name`. */
export function taskQueueName(handler: string): string {
  return `task-${handler}`;
}

/** The queue that carries task outcomes from workers back to the engine. */
export const RESULTS_QUEUE = "stepflow-results";
/** The queue whose delayed jobs fire durable timers. */
export const TIMERS_QUEUE = "stepflow-timers";
/** Topic on which the engine tells workers to abandon a task (stop, timeout). */
export const CANCEL_TOPIC = "stepflow-task-cancel";

/** What a worker receives for one task. */
export interface TaskJob {
  token: string;
  executionArn: string;
  stateName: string;
  /** The handler name the task was routed to. */
  handler: string;
  resource: string;
  input: Json;
  /** Retries of this state before this attempt. */
  attempt: number;
  heartbeatSeconds?: number;
  timeoutSeconds?: number;
  /** Wrap the result as `arn:aws:states:::lambda:invoke` does. */
  lambdaInvoke?: boolean;
  /** The task waits for SendTaskSuccess/Failure (`.waitForTaskToken`): the handler's return is not the result. */
  callback?: boolean;
  /** Report to this queue instead of RESULTS_QUEUE (synchronous Express executions live in one process). */
  replyTo?: string;
}

/** What a worker sends back. */
export type TaskReport =
  | { type: "TaskStarted"; token: string; workerName?: string }
  /** `purpose`: a Distributed Map's own call, whose result (its items) is not held to the 256 KiB limit. */
  | { type: "TaskSucceeded"; token: string; output: Json; purpose?: TaskPurpose }
  | { type: "TaskFailed"; token: string; error: string; cause?: string }
  | { type: "TaskHeartbeat"; token: string };

/** Queue of the integration `name` (`events`, `http`): one job per task, the task token as its id. */
export function integrationQueueName(name: string): string {
  return `stepflow-integration-${name}`;
}

/** One call of a service integration, as queued for the engines that serve it. */
export interface IntegrationJob {
  integration: string;
  action: string;
  token: string;
  executionArn: string;
  stateName: string;
  callback: boolean;
  input: Json;
  /** A Distributed Map's own call (ItemReader, ResultWriter). */
  purpose?: TaskPurpose;
  /** The Task's TimeoutSeconds: the call is abandoned (unanswered) this long after it starts. */
  timeoutSeconds?: number;
  /** Report to this queue instead of RESULTS_QUEUE (synchronous Express executions). */
  replyTo?: string;
}
