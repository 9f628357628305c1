/** A request the REST layer itself refuses (unreadable body, a field of the wrong type, unknown route). */
export class RestError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }
}
