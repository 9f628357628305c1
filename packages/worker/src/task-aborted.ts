/** Why a task's AbortSignal fired. */
export const TaskAbortKind = {
  /** The engine stopped the task (execution stopped, task timed out on the engine's clock). */
  Cancelled: "cancelled",
  /** The task's `TimeoutSeconds` elapsed on this worker's clock. */
  TimedOut: "timeout",
  /** The worker's `close()` deadline passed while the handler was still running. */
  Shutdown: "shutdown",
} as const;
/** Why a task's AbortSignal fired. */
export type TaskAbortKind = (typeof TaskAbortKind)[keyof typeof TaskAbortKind];

const messages: Record<TaskAbortKind, string> = {
  cancelled: "the engine cancelled this task (its execution was stopped or the task timed out)",
  timeout: "the task's TimeoutSeconds elapsed",
  shutdown: "the worker is shutting down; the task will be delivered again",
};

/**
 * The `reason` of a task's AbortSignal. Once the signal has fired the worker reports nothing for the
 * task: the engine decides its outcome (States.Timeout, an aborted execution, or a later redelivery).
 */
export class TaskAborted extends Error {
  /** Why the signal fired. */
  readonly kind: TaskAbortKind;

  constructor(kind: TaskAbortKind, token: string) {
    super(`${messages[kind]} (task token ${token})`);
    this.name = "TaskAborted";
    this.kind = kind;
  }
}
