/**
 * A rejected event pattern, as PutRule / TestEventPattern report it: `code` is the AWS error type and the
 * message starts with "Event pattern is not valid. Reason: " followed by event-ruler's reason.
 */
export class InvalidEventPatternError extends Error {
  /** The AWS error code (`__type`). */
  readonly code = "InvalidEventPatternException";
  /** event-ruler's reason, without the prefix and the parser location. */
  readonly reason: string;

  constructor(reason: string, location?: string) {
    super(
      `Event pattern is not valid. Reason: ${reason}${location === undefined ? "" : `\n at ${location}`}`,
    );
    this.name = "InvalidEventPatternError";
    this.reason = reason;
  }
}
