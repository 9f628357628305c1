import { defineHandler, TaskFailure, type HandlerMap } from "@stepflow/worker";
import { customerHistory } from "./customers.ts";
import { FakeInventory } from "./inventory.ts";
import { orderProblems, type Order, type OrderItem } from "./order.ts";
import { FakePayments } from "./payments.ts";
import { createShipment, packItem, type Package } from "./shipping.ts";

/** A confirmation message as the fake mailer sent it. */
export interface Confirmation {
  messageId: string;
  orderId: string;
  to: string;
  template: "order-confirmation" | "vip-order-confirmation";
}

/** The fake services the handlers talk to; tests make their own to look inside. */
export interface OrderServices {
  inventory: FakeInventory;
  payments: FakePayments;
  confirmations: Confirmation[];
}

/** Fresh fake services. */
export function createOrderServices(): OrderServices {
  return { inventory: new FakeInventory(), payments: new FakePayments(), confirmations: [] };
}

/**
 * The Task handlers of `customer-status` and `order-fulfillment`, by the Lambda function names their
 * definitions use (`arn:aws:lambda:…:function:NAME`).
 */
export function createOrderHandlers(services: OrderServices) {
  return {
    "customers-lookup": defineHandler(({ customerId }: { customerId: string }) =>
      customerHistory(customerId),
    ),

    "orders-validate": defineHandler(({ order }: { order: Order }) => {
      const problems = orderProblems(order);
      if (problems.length > 0) {
        const id = typeof order?.orderId === "string" ? `order ${order.orderId}` : "the order";
        throw new TaskFailure("OrderInvalid", `${id} is invalid: ${problems.join("; ")}`);
      }
      return { valid: true, units: order.quantity, total: order.total_amount };
    }),

    "inventory-reserve": defineHandler(({ order }: { order: Order }, ctx) =>
      services.inventory.reserve(order, ctx.attempt),
    ),

    "inventory-release": defineHandler(({ reservation }: { reservation: { reservationId: string } }) =>
      services.inventory.release(reservation.reservationId),
    ),

    "payments-charge": defineHandler(({ order }: { order: Order }, ctx) =>
      services.payments.charge(order, ctx.attempt),
    ),

    "warehouse-pack-item": defineHandler(
      ({ orderId, index, item }: { orderId: string; index: number; item: OrderItem }) =>
        packItem(orderId, index, item),
    ),

    "shipping-create-shipment": defineHandler(
      ({
        orderId,
        customerStatus,
        packages,
      }: {
        orderId: string;
        customerStatus: string;
        packages: Package[];
      }) => createShipment(orderId, customerStatus, packages),
    ),

    "notifications-send-confirmation": defineHandler(
      ({ orderId, userId, customerStatus }: { orderId: string; userId: string; customerStatus: string }) => {
        const messageId = `msg-${orderId}`;
        const existing = services.confirmations.find((c) => c.messageId === messageId);
        if (existing) return existing;
        const sent: Confirmation = {
          messageId,
          orderId,
          to: userId,
          template: customerStatus === "vip" ? "vip-order-confirmation" : "order-confirmation",
        };
        services.confirmations.push(sent);
        return sent;
      },
    ),
  } satisfies HandlerMap;
}

/** The services behind {@link handlers}: the ones `stepflow start` and the worker process run with. */
export const services = createOrderServices();

/** What `stepflow start` loads (package.json `stepflow.handlers`) and `npm run workers` runs. */
export const handlers = createOrderHandlers(services);
