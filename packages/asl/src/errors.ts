/**
 * The predefined ASL error names (specification, "Errors"). Closed set; runtime failures use exactly these
 * names so that Retry and Catch written for AWS behave the same here.
 */
export const StatesError = {
  ALL: "States.ALL",
  DataLimitExceeded: "States.DataLimitExceeded",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  IntrinsicFailure: "States.IntrinsicFailure",
  ItemReaderFailed: "States.ItemReaderFailed",
  NoChoiceMatched: "States.NoChoiceMatched",
  ParameterPathFailure: "States.ParameterPathFailure",
  Permissions: "States.Permissions",
  QueryEvaluationError: "States.QueryEvaluationError",
  ResultPathMatchFailure: "States.ResultPathMatchFailure",
  ResultWriterFailed: "States.ResultWriterFailed",
  Runtime: "States.Runtime",
  TaskFailed: "States.TaskFailed",
  Timeout: "States.Timeout",
  BranchFailed: "States.BranchFailed",
} as const;
export type StatesErrorName = (typeof StatesError)[keyof typeof StatesError];

/** An ASL failure as data: what Retry/Catch match on and what a failed execution reports. */
export interface Failure {
  /** Absent only when a Fail state names no Error. */
  error?: string;
  cause?: string;
}

/**
 * Thrown inside the core while evaluating one state; caught at the state boundary and turned into a
 * {@link Failure}. It never escapes `advance`.
 */
export class StatesFailure extends Error {
  readonly error: string;
  override readonly cause: string | undefined;

  constructor(error: string, cause?: string) {
    super(cause === undefined ? error : `${error}: ${cause}`);
    this.name = "StatesFailure";
    this.error = error;
    this.cause = cause;
  }

  /** The failure as plain data (no `cause` key when there is none). */
  toFailure(): Failure {
    return this.cause === undefined ? { error: this.error } : { error: this.error, cause: this.cause };
  }
}
