/** The AWS error codes (`__type`) the event bus API raises. */
export const EventsErrorCode = {
  ResourceNotFoundException: "ResourceNotFoundException",
  ResourceAlreadyExistsException: "ResourceAlreadyExistsException",
  ValidationException: "ValidationException",
  InvalidEventPatternException: "InvalidEventPatternException",
  LimitExceededException: "LimitExceededException",
  IllegalStatusException: "IllegalStatusException",
} as const;
export type EventsErrorCode = (typeof EventsErrorCode)[keyof typeof EventsErrorCode];

/**
 * An error for the caller of the event bus API, named as EventBridge names it so the server maps `code` to
 * the AWS JSON 1.1 `__type` (all are HTTP 400) without a lookup table of its own.
 */
export class EventsError extends Error {
  readonly code: EventsErrorCode;

  constructor(code: EventsErrorCode, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}
