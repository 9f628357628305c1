import type { Response } from "express";

/** How an event stream keeps its connection and when it ends. */
export interface EventStreamOptions {
  /** How often a comment line keeps idle connections (and proxies) open (default 15 s). */
  heartbeatMs?: number;
  /** Aborted when the server shuts down: the stream ends (clients reconnect). */
  closing?: AbortSignal | undefined;
  /** The reconnection delay a client is told to use (default 1 s). */
  retryMs?: number;
}

/** An open Server-Sent Events response. */
export interface EventStream {
  /** Writes one event (`data` as JSON); nothing once the stream is closed. */
  send(event: string, data: unknown, id?: number | string): void;
  /** True once the client went away, the server began closing, or `end()` was called. */
  readonly closed: boolean;
  /** Runs `fn` once the stream closes, whichever way (at once if it is closed already). */
  onClose(fn: () => void): void;
  /** Ends the response. */
  end(): void;
}

/**
 * Starts a Server-Sent Events response on `res`: the headers (no caching, no proxy buffering), the
 * client's retry delay, a heartbeat comment every `heartbeatMs`, and one clean-up path for a client that
 * hangs up, a server that shuts down and a stream its route ends.
 */
export function openEventStream(res: Response, options: EventStreamOptions = {}): EventStream {
  res.status(200).set({
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache, no-transform",
    Connection: "keep-alive",
    "X-Accel-Buffering": "no",
  });
  res.flushHeaders();
  res.write(`retry: ${options.retryMs ?? 1000}\n\n`);
  const closers: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), options.heartbeatMs ?? 15_000);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.closing?.removeEventListener("abort", close);
    for (const fn of closers.splice(0)) fn();
    res.end();
  };
  res.on("close", close);
  options.closing?.addEventListener("abort", close);
  if (options.closing?.aborted) close();
  return {
    send(event, data, id) {
      if (closed) return;
      res.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get closed() {
      return closed;
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
    end: close,
  };
}
