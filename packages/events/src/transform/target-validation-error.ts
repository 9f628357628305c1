/** A target PutTargets rejects: AWS code ValidationException with AWS's message. */
export class TargetValidationError extends Error {
  /** The AWS error code (`__type`). */
  readonly code = "ValidationException";
  constructor(message: string) {
    super(message);
    this.name = "TargetValidationError";
  }
}
