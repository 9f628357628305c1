/**
 * The GetExecutionHistory page token that continues after history event `id`. The engine's tokens are
 * base64url JSON of the last event id sent; the SSE stream uses this to resume from any id (its own
 * last one, or a client's `Last-Event-ID`) without reading the history from the start again.
 */
export function historyCursorAfter(id: number): string | undefined {
  return id > 0 ? Buffer.from(JSON.stringify(id)).toString("base64url") : undefined;
}
