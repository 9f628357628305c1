/**
 * An error answered in AWS shape (`{"__type": type, "message": message}` with `status`), raised by the
 * protocol layer itself: unknown actions, unreadable bodies, request fields that fail validation.
 */
export class AwsError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = status;
  }
}
