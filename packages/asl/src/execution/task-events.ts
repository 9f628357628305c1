import type { Failure } from "../errors.ts";
import type { Json, JsonObject } from "../json.ts";
import { taskResourceDetails } from "./task-resource.ts";

/** A history event to write: its type and its details (none for LambdaFunctionStarted, as on AWS). */
export type TaskEvent = [type: string, details: JsonObject | undefined];

/** What a task's scheduling knows: its effective input and its timeouts. */
export interface ScheduledDetails {
  input: Json;
  timeoutSeconds?: number | undefined;
  heartbeatSeconds?: number | undefined;
}

/**
 * The history events of one task, named and shaped as GetExecutionHistory shows them for its resource:
 * `LambdaFunction*` for a Lambda function ARN used directly (`arn:aws:lambda:…:function:NAME`),
 * `Activity*` for an activity ARN, and `Task*` (with `resourceType`/`resource`) for every service
 * integration, `arn:aws:states:::lambda:invoke` included.
 */
export interface TaskEvents {
  scheduled(task: ScheduledDetails): TaskEvent;
  started(workerName: string | undefined): TaskEvent;
  succeeded(output: Json): TaskEvent;
  failed(failure: Failure): TaskEvent;
  timedOut(error: string): TaskEvent;
}

const LAMBDA_FUNCTION = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:/;
const ACTIVITY = /^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/;

/** The task events of `resource`. */
export function taskEvents(resource: string): TaskEvents {
  if (LAMBDA_FUNCTION.test(resource)) return legacyTaskEvents("LambdaFunction", resource);
  if (ACTIVITY.test(resource)) return legacyTaskEvents("Activity", resource);
  return integrationTaskEvents(resource);
}

function integrationTaskEvents(resource: string): TaskEvents {
  const details = taskResourceDetails(resource);
  return {
    scheduled: (task) => [
      "TaskScheduled",
      {
        ...details,
        region: "us-east-1",
        parameters: task.input,
        ...timeouts(task),
      },
    ],
    started: () => ["TaskStarted", details],
    succeeded: (output) => ["TaskSucceeded", { ...details, output, outputDetails: { truncated: false } }],
    failed: (failure) => ["TaskFailed", { ...details, ...failureDetails(failure) }],
    timedOut: (error) => ["TaskTimedOut", { ...details, error }],
  };
}

/** Lambda functions and activities, which have event types of their own without resourceType. */
function legacyTaskEvents(prefix: "LambdaFunction" | "Activity", resource: string): TaskEvents {
  return {
    scheduled: (task) => [
      `${prefix}Scheduled`,
      {
        resource,
        input: task.input,
        inputDetails: { truncated: false },
        ...timeouts(task, prefix === "Activity"),
      },
    ],
    started: (workerName) => [
      `${prefix}Started`,
      prefix === "Activity" && workerName !== undefined ? { workerName } : undefined,
    ],
    succeeded: (output) => [`${prefix}Succeeded`, { output, outputDetails: { truncated: false } }],
    failed: (failure) => [`${prefix}Failed`, failureDetails(failure)],
    timedOut: (error) => [`${prefix}TimedOut`, { error }],
  };
}

function timeouts(task: ScheduledDetails, heartbeat = true): JsonObject {
  const out: JsonObject = {};
  if (task.timeoutSeconds !== undefined) out.timeoutInSeconds = task.timeoutSeconds;
  if (heartbeat && task.heartbeatSeconds !== undefined) out.heartbeatInSeconds = task.heartbeatSeconds;
  return out;
}

function failureDetails(failure: Failure): JsonObject {
  const details: JsonObject = {};
  if (failure.error !== undefined) details.error = failure.error;
  if (failure.cause !== undefined) details.cause = failure.cause;
  return details;
}
