import { MAX_CAUSE_LENGTH, MAX_ERROR_LENGTH, TaskFailure } from "./task-failure.ts";

/** The ASL error and cause a task fails with. */
export interface TaskFailureReport {
  error: string;
  cause?: string;
}

/** How a thrown value is turned into an ASL error: plainly, or as AWS Lambda reports a function error. */
export const FailureStyle = { Plain: "plain", Lambda: "lambda" } as const;
/** How a thrown value is turned into an ASL error. */
export type FailureStyle = (typeof FailureStyle)[keyof typeof FailureStyle];

/**
 * Maps what a handler threw to the ASL error and cause its task fails with.
 *
 * - {@link TaskFailure}: its `error` and `cause`, in either style.
 * - Plain style: an `Error` gives Error = its name (its class name when the class left `name` as
 *   "Error"), Cause = its message; any other value gives Error = "Error", Cause = the value as text.
 * - Lambda style: Error = `error.name` (or `typeof value` for a non-Error), Cause = the JSON text
 *   `{"errorMessage","errorType","stackTrace"}` that AWS Lambda returns for an unhandled error.
 *
 * Names longer than 256 characters and causes longer than 32,768 are truncated, as Step Functions does.
 */
export function failureOf(thrown: unknown, style: FailureStyle): TaskFailureReport {
  if (thrown instanceof TaskFailure) return limited(thrown.error, thrown.cause);
  if (style === FailureStyle.Lambda) {
    const { errorType, errorMessage, stackTrace } = lambdaError(thrown);
    return limited(errorType, JSON.stringify({ errorMessage, errorType, stackTrace }));
  }
  if (thrown instanceof Error) return limited(className(thrown), thrown.message);
  return limited("Error", text(thrown));
}

function limited(error: string, cause: string | undefined): TaskFailureReport {
  const name = error === "" ? "Error" : error.slice(0, MAX_ERROR_LENGTH);
  return cause === undefined ? { error: name } : { error: name, cause: cause.slice(0, MAX_CAUSE_LENGTH) };
}

// `class NotFound extends Error {}` keeps the inherited name "Error"; its constructor's name is what the
// author meant to be matched by `ErrorEquals`.
function className(error: Error): string {
  if (error.name !== "Error") return String(error.name);
  const constructorName: unknown = (error.constructor as { name?: unknown } | undefined)?.name;
  return typeof constructorName === "string" && constructorName !== "" ? constructorName : "Error";
}

// As the Node.js Lambda runtime builds its error response: `name`, `message` and the stack's frames;
// for a thrown non-Error, its `typeof` and its String form.
function lambdaError(thrown: unknown): { errorType: string; errorMessage: string; stackTrace: string[] } {
  if (thrown instanceof Error) {
    return {
      errorType: String(thrown.name),
      errorMessage: String(thrown.message),
      stackTrace: stackFrames(thrown.stack),
    };
  }
  return { errorType: typeof thrown, errorMessage: text(thrown), stackTrace: [] };
}

function stackFrames(stack: string | undefined): string[] {
  if (stack === undefined) return [];
  return stack
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at "))
    .map((line) => line.slice(3));
}

function text(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
