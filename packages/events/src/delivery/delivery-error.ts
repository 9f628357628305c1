/** A failed delivery attempt; `retryable` false sends it to the dead-letter store at once. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}
