import { randomUUID } from "node:crypto";
import type { EventBus } from "@stepflow/events";
import { ORDER_SOURCE, totalCents, type Order, type OrderItem } from "./order.ts";

/** What a shopper sends: the rest of the order is filled in. */
export interface OrderRequest {
  customerId: string;
  userId?: string;
  items: OrderItem[];
  /** Omitted: computed from the items. Given: taken as is (the storefront's "invalid order" sends a wrong one). */
  total_amount?: number;
  quantity?: number;
  payment?: { card?: string };
  simulate?: Order["simulate"];
  orderId?: string;
  idempotencyKey?: string;
}

/** An order that was published. */
export interface PlacedOrder {
  order: Order;
  eventId: string;
  idempotencyKey: string;
}

/** The OrderCreated entry of PutEvents for `order`, exactly as anyone can publish it (README shows it with the AWS CLI). */
export function orderCreatedEntry(order: Order, idempotencyKey: string) {
  return {
    EventBusName: "default",
    Source: ORDER_SOURCE,
    DetailType: "OrderCreated",
    Detail: JSON.stringify({ metadata: { "idempotency-key": idempotencyKey }, data: order }),
  };
}

/** Completes `request` into an order and publishes it as `OrderCreated` on the default bus. */
export async function placeOrder(
  bus: Pick<EventBus, "putEvents">,
  request: OrderRequest,
): Promise<PlacedOrder> {
  const items = Array.isArray(request.items) ? request.items : [];
  const order: Order = {
    orderId: request.orderId ?? `ord-${randomUUID().slice(0, 8)}`,
    customerId: request.customerId,
    userId: request.userId ?? `user-${request.customerId}`,
    items,
    quantity: request.quantity ?? items.reduce((sum, item) => sum + (Number(item.quantity) || 0), 0),
    total_amount: request.total_amount ?? totalCents(items) / 100,
  };
  if (request.payment !== undefined) order.payment = request.payment;
  if (request.simulate !== undefined) order.simulate = request.simulate;
  const idempotencyKey = request.idempotencyKey ?? randomUUID();
  const result = await bus.putEvents({ Entries: [orderCreatedEntry(order, idempotencyKey)] });
  const entry = result.Entries[0];
  if (result.FailedEntryCount > 0 || entry?.EventId === undefined) {
    throw new Error(`the bus refused the order: ${entry?.ErrorCode ?? "?"} ${entry?.ErrorMessage ?? ""}`);
  }
  return { order, eventId: entry.EventId, idempotencyKey };
}
