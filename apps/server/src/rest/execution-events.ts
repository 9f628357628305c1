import type { Engine } from "@stepflow/engine";
import type { Request, Response, Router } from "express";
import { executionView } from "./execution-view.ts";
import { historyCursorAfter } from "./history-cursor.ts";
import { historyView } from "./history-view.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

/** Timing of the event stream. */
export interface EventStreamOptions {
  /** How often the history is read for new events (default 250 ms). */
  pollMs?: number;
  /** How often a comment line keeps idle connections (and proxies) open (default 15 s). */
  heartbeatMs?: number;
  /** Aborted when the server shuts down: every stream ends (clients reconnect with Last-Event-ID). */
  closing?: AbortSignal;
}

/**
 * Server-Sent Events at `/executions/{arn}/events`: every history event already written (`event: history`,
 * `id:` the event id, `data:` the event as GetExecutionHistory gives it), then new ones as they are
 * committed, then `event: end` with the execution's final description once it is no longer RUNNING.
 * A client that reconnects with `Last-Event-ID` resumes after that event. The engine has no commit
 * feed, so each stream reads the history every `pollMs` from its last event id; an execution that ends in
 * this process wakes its streams at once.
 */
export function executionEventRoutes(
  router: Router,
  { engine }: RestContext,
  options: EventStreamOptions = {},
) {
  const pollMs = options.pollMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const wakers = new Map<string, Set<() => void>>();
  engine.onCompletion((arn) => {
    for (const wake of wakers.get(arn) ?? []) wake();
  });

  router.get("/executions/:arn/events", async (req, res) => {
    new RestFields(req.query, "query").done();
    const arn = req.params["arn"] ?? "";
    // Fails before any byte is sent, so a missing execution is a plain 404 problem.
    await engine.executions.describe(arn);
    let lastId = lastEventId(req);
    res.status(200).set({
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    res.write("retry: 1000\n\n");
    if (options.closing?.aborted) {
      res.end();
      return;
    }

    let closed = false;
    let wake: (() => void) | undefined;
    const waker = () => wake?.();
    const listeners = wakers.get(arn) ?? new Set();
    listeners.add(waker);
    wakers.set(arn, listeners);
    const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), heartbeatMs);
    const hangUp = () => {
      closed = true;
      waker();
    };
    res.on("close", hangUp);
    options.closing?.addEventListener("abort", hangUp);

    try {
      while (!closed) {
        // Status first: the final events commit with the final status, so a read after it sees them all.
        const before = await engine.executions.describe(arn);
        lastId = await sendNewEvents(engine, arn, lastId, res, () => closed);
        if (before.status !== "RUNNING") {
          if (!closed) {
            res.write(`event: end\ndata: ${JSON.stringify(executionView(before))}\n\n`);
          }
          break;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } catch (error) {
      // Headers are sent: the stream can only say what went wrong and end.
      if (!closed)
        res.write(`event: error\ndata: ${JSON.stringify({ detail: (error as Error).message })}\n\n`);
    } finally {
      clearInterval(heartbeat);
      options.closing?.removeEventListener("abort", hangUp);
      listeners.delete(waker);
      if (listeners.size === 0) wakers.delete(arn);
      res.end();
    }
  });
}

/** Writes every event after `lastId`, page by page; returns the id of the last one written. */
async function sendNewEvents(
  engine: Engine,
  arn: string,
  lastId: number,
  res: Response,
  closed: () => boolean,
): Promise<number> {
  let nextToken = historyCursorAfter(lastId);
  for (;;) {
    const page = await engine.executions.history({
      executionArn: arn,
      maxResults: 1000,
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    for (const event of page.events) {
      if (closed()) return lastId;
      res.write(`id: ${event.id}\nevent: history\ndata: ${JSON.stringify(historyView(event))}\n\n`);
      lastId = event.id;
    }
    if (page.nextToken === undefined) return lastId;
    nextToken = page.nextToken;
  }
}

function lastEventId(req: Request): number {
  const header = req.get("last-event-id");
  return header !== undefined && /^\d{1,9}$/.test(header) ? Number(header) : 0;
}
