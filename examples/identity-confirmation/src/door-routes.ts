import express, { type Request, type Response, type Router } from "express";
import type { Engine } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import { openEventStream } from "@stepflow/server";
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
  router.get("/api/notifications/events", (_req, res) => {
    const stream = openEventStream(res, options);
    const send = (n: Notification) => stream.send("notification", n);
    for (const notification of options.phone.notifications) send(notification);
    stream.onClose(options.phone.subscribe(send));
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
