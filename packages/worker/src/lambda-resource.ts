import type { TaskJob } from "@stepflow/engine/queue";

// A Lambda function ARN or the lambda:invoke integration (with or without .waitForTaskToken).
const LAMBDA_RESOURCE = /^arn:aws[\w-]*:(?:lambda:[^:]*:[^:]*:function:|states:::lambda:invoke)/;

/**
 * Whether a task runs a Lambda resource: its errors are then reported as Lambda reports them, so Retry and
 * Catch written for AWS match.
 */
export function isLambdaTask(task: TaskJob): boolean {
  return task.lambdaInvoke === true || LAMBDA_RESOURCE.test(task.resource);
}
