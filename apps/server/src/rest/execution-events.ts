import type { Engine } from "@stepflow/engine";
import type { Request, Router } from "express";
import { openEventStream, type EventStream, type EventStreamOptions } from "./event-stream.ts";
import { executionView } from "./execution-view.ts";
import { historyCursorAfter } from "./history-cursor.ts";
import { historyView } from "./history-view.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

/** Timing of the execution event stream; `closing` ends every stream (clients reconnect with Last-Event-ID). */
export interface ExecutionEventStreamOptions extends EventStreamOptions {
  /** How often the history is read for new events (default 250 ms). */
  pollMs?: number;
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
  options: ExecutionEventStreamOptions = {},
) {
  const pollMs = options.pollMs ?? 250;
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
    const stream = openEventStream(res, options);
    let wake: (() => void) | undefined;
    const waker = () => wake?.();
    const listeners = wakers.get(arn) ?? new Set();
    listeners.add(waker);
    wakers.set(arn, listeners);
    stream.onClose(waker);

    try {
      while (!stream.closed) {
        // Status first: the final events commit with the final status, so a read after it sees them all.
        const before = await engine.executions.describe(arn);
        lastId = await sendNewEvents(engine, arn, lastId, stream);
        if (before.status !== "RUNNING") {
          stream.send("end", executionView(before));
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
      stream.send("error", { detail: (error as Error).message });
    } finally {
      listeners.delete(waker);
      if (listeners.size === 0) wakers.delete(arn);
      stream.end();
    }
  });
}

/** Writes every event after `lastId`, page by page; returns the id of the last one written. */
async function sendNewEvents(
  engine: Engine,
  arn: string,
  lastId: number,
  stream: EventStream,
): Promise<number> {
  let nextToken = historyCursorAfter(lastId);
  for (;;) {
    const page = await engine.executions.history({
      executionArn: arn,
      maxResults: 1000,
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    for (const event of page.events) {
      if (stream.closed) return lastId;
      stream.send("history", historyView(event), event.id);
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
