/** Longest Error name a task failure carries, as Step Functions limits it. */
export const MAX_ERROR_LENGTH = 256;
/** Longest Cause a task failure carries, as Step Functions limits it. */
export const MAX_CAUSE_LENGTH = 32_768;

/**
 * Thrown by a handler to fail its task with a chosen ASL error name and cause, so a state's `Retry` and
 * `Catch` can match it by `ErrorEquals`. Any other thrown value is mapped as documented in the README.
 *
 * @example
 * throw new TaskFailure("Order.OutOfStock", `sku ${sku} has 0 left`);
 */
export class TaskFailure extends Error {
  /** The ASL error name the task fails with. */
  readonly error: string;
  /** The cause the task fails with; `undefined` reports none. */
  declare readonly cause: string | undefined;

  constructor(error: string, cause?: string) {
    if (typeof error !== "string" || error === "") {
      throw new TypeError(`TaskFailure needs a non-empty error name, got ${String(error)}`);
    }
    super(cause === undefined ? error : `${error}: ${cause}`);
    this.name = "TaskFailure";
    this.error = error;
    Object.defineProperty(this, "cause", { value: cause, enumerable: false, writable: false });
  }
}
