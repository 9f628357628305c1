/**
 * One line describing `error`. Node's connection errors are often an `AggregateError` with an empty
 * message (one error per resolved address), which would otherwise print as nothing at all.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describeError).join("; ");
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message !== "" ? error.message : error.name;
    return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
  }
  return String(error);
}
