import express, { type Request, type Response, type Router } from "express";
import type { Engine } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import { openDoor } from "./door-event.ts";
import type { Notification, Phone } from "./notifications.ts";
import { RESIDENTS, UNREADABLE_PERSON } from "./recognition.ts";

/** What the door page's API needs. */
export interface DoorRoutesOptions {
  engine: Pick<Engine, "executions" | "arns">;
  bus: Pick<EventBus, "putEvents">;
  phone: Phone;
  /** Aborted when the server shuts down: ends the live streams so the server can close. */
  closing: AbortSignal;
  heartbeatMs?: number;
}

/**
 * The door page's API, mounted under `/examples/identity-confirmation/`: `GET api/people`,
 * `POST api/door/open` (the simulated smart door publishes `Door Status`), `GET api/notifications`, its
 * live stream `GET api/notifications/events` (Server-Sent Events), and `GET api/visits` (the latest
 * identity-confirmation executions).
 */
export function doorRoutes(options: DoorRoutesOptions): Router {
  const router = express.Router();
  router.get("/api/people", (_req, res) => {
    res.json({ residents: RESIDENTS, unreadable: UNREADABLE_PERSON });
  });
  router.post("/api/door/open", express.json({ limit: "16kb" }), async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { personId?: unknown; idempotencyKey?: unknown };
    const personId = typeof body.personId === "string" && body.personId !== "" ? body.personId : undefined;
    const key =
      typeof body.idempotencyKey === "string" && body.idempotencyKey !== "" ? body.idempotencyKey : undefined;
    try {
      res.status(202).json(await openDoor(options.bus, personId, key));
    } catch (error) {
      res.status(400).json({ message: (error as Error).message });
    }
  });
  router.get("/api/notifications", (_req, res) => {
    res.json({ notifications: options.phone.notifications });
  });
  router.get("/api/notifications/events", (req, res) => {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    const send = (n: Notification) => res.write(`event: notification\ndata: ${JSON.stringify(n)}\n\n`);
    for (const notification of options.phone.notifications) send(notification);
    const unsubscribe = options.phone.subscribe(send);
    const heartbeat = setInterval(() => res.write(": heartbeat\n\n"), options.heartbeatMs ?? 15_000);
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
      options.closing.removeEventListener("abort", end);
      res.end();
    };
    req.on("close", end);
    options.closing.addEventListener("abort", end);
  });
  router.get("/api/visits", async (_req, res) => {
    const stateMachineArn = options.engine.arns.stateMachine("identity-confirmation");
    const listed = await options.engine.executions.list({ stateMachineArn, maxResults: 10 });
    const visits = await Promise.all(
      (listed.executions as { executionArn: string }[]).map(async ({ executionArn }) => {
        const e = await options.engine.executions.describe(executionArn);
        const input = JSON.parse(e.input) as { door?: { personId?: string } };
        return {
          executionArn,
          status: e.status,
          startDate: e.startDate,
          personId: input.door?.personId ?? null,
          output: e.output === undefined ? null : (JSON.parse(e.output) as unknown),
          error: e.error ?? null,
          cause: e.cause ?? null,
        };
      }),
    );
    res.json({ visits });
  });
  return router;
}
