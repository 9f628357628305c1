/** What a handler knows about the task it runs, and what it can do besides returning. */
export interface TaskContext {
  /** The task token (`$$.Task.Token`); hand it to whoever calls SendTaskSuccess for a callback task. */
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  /** The Task state's `Resource`. */
  readonly resource: string;
  /** Retries of this state before this attempt (0 on the first), as counted by the state's `Retry`. */
  readonly attempt: number;
  /**
   * Fires when the engine cancels the task (execution stopped, task timed out), when the task's
   * `TimeoutSeconds` elapse here, and at the worker's shutdown deadline. Its `reason` is a `TaskAborted`.
   * After it fires the worker reports nothing for the task, whatever the handler does.
   */
  readonly signal: AbortSignal;
  /**
   * Reports a heartbeat, which resets the state's `HeartbeatSeconds` timer. Not sent automatically, as on
   * AWS. Rejects with the signal's reason once the signal has fired, and after the handler has returned.
   */
  heartbeat(): Promise<void>;
}

/**
 * Runs one task: gets the task's input, returns its output (JSON-serialisable; `undefined` is null). A
 * thrown `TaskFailure` fails the task with that ASL error; anything else thrown is mapped (README).
 */
export type TaskHandler<I = unknown, O = unknown> = (input: I, ctx: TaskContext) => O | Promise<O>;

/**
 * Any handler, whatever its input type. Declared as a method so its parameter is bivariant: a handler of
 * `{ orderId: string }` fits, and an unannotated handler in a handlers map gets `input: unknown`.
 */
export type AnyTaskHandler = {
  handle(input: unknown, ctx: TaskContext): unknown;
}["handle"];

/** Handlers by name: the task queue `taskQueueName(name)` is consumed for each. */
export type HandlerMap = Record<string, AnyTaskHandler>;

/**
 * Types a handler's input and output without changing it, so a handler written apart from its worker
 * keeps its types.
 *
 * @example
 * const charge = defineHandler<{ orderId: string; cents: number }, { chargeId: string }>(
 *   async ({ orderId, cents }) => ({ chargeId: await payments.charge(orderId, cents) }),
 * );
 */
export function defineHandler<I, O>(handler: TaskHandler<I, O>): TaskHandler<I, O> {
  return handler;
}
