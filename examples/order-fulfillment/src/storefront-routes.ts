import express, { type Request, type Response, type Router } from "express";
import type { EventBus } from "@stepflow/events";
import { openEventStream } from "@stepflow/server";
import { CATALOG } from "./catalog.ts";
import { placeOrder, type OrderRequest } from "./place-order.ts";
import type { OrderUpdate, StorefrontUpdates } from "./storefront-updates.ts";

/** What the storefront's API needs. */
export interface StorefrontRoutesOptions {
  bus: Pick<EventBus, "putEvents">;
  updates: StorefrontUpdates;
  /** Aborted when the server shuts down: ends the live streams so the server can close. */
  closing: AbortSignal;
  /** Time between SSE heartbeat comments (default 15 s). */
  heartbeatMs?: number;
}

/**
 * The storefront's API, mounted under `/examples/order-fulfillment/` beside its page:
 * `GET api/catalog`, `POST api/orders` (publishes OrderCreated), `GET api/orders/:orderId` (the timeline)
 * and `GET api/orders/:orderId/events` (Server-Sent Events: the timeline so far, then each update live).
 */
export function storefrontRoutes(options: StorefrontRoutesOptions): Router {
  const router = express.Router();
  router.get("/api/catalog", (_req, res) => {
    res.json(CATALOG);
  });
  router.post("/api/orders", express.json({ limit: "64kb" }), async (req: Request, res: Response) => {
    const body = req.body as Partial<OrderRequest> | undefined;
    if (
      typeof body !== "object" ||
      body === null ||
      typeof body.customerId !== "string" ||
      !Array.isArray(body.items)
    ) {
      res
        .status(400)
        .json({ message: "Send a JSON object with customerId (a string) and items (an array)." });
      return;
    }
    try {
      const placed = await placeOrder(options.bus, body as OrderRequest);
      res.status(202).json({ orderId: placed.order.orderId, eventId: placed.eventId, order: placed.order });
    } catch (error) {
      res.status(400).json({ message: (error as Error).message });
    }
  });
  router.get("/api/orders/:orderId", (req, res) => {
    res.json({ orderId: req.params.orderId, updates: options.updates.timeline(req.params.orderId) });
  });
  router.get("/api/orders/:orderId/events", (req, res) => {
    const orderId = req.params.orderId;
    const stream = openEventStream(res, options);
    const send = (update: OrderUpdate) => stream.send("update", update);
    for (const update of options.updates.timeline(orderId)) send(update);
    stream.onClose(options.updates.subscribe(orderId, send));
  });
  return router;
}
