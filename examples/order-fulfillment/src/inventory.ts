import { TaskFailure } from "@stepflow/worker";
import type { Order } from "./order.ts";

/** A hold on an order's items. */
export interface Reservation {
  reservationId: string;
  orderId: string;
  units: number;
  status: "held" | "released";
}

/**
 * The example's inventory service: an in-memory ledger of reservations. Reserving and releasing are
 * idempotent per order, because a task can be delivered twice (at least once).
 */
export class FakeInventory {
  readonly reservations = new Map<string, Reservation>();

  /**
   * Holds the order's items. Fails with `InventoryBusy` (a transient error the workflow retries) while
   * `attempt` is below the order's `simulate.inventoryBusyAttempts`.
   */
  reserve(order: Order, attempt: number): Reservation {
    const busy = order.simulate?.inventoryBusyAttempts ?? 0;
    if (attempt < busy) {
      throw new TaskFailure(
        "InventoryBusy",
        `the stock of order ${order.orderId} is locked by another reservation (attempt ${attempt + 1} of ${busy} busy ones); try again`,
      );
    }
    const reservationId = `rsv-${order.orderId}`;
    const existing = this.reservations.get(reservationId);
    if (existing?.status === "held") return existing;
    const reservation: Reservation = {
      reservationId,
      orderId: order.orderId,
      units: order.items.reduce((sum, item) => sum + item.quantity, 0),
      status: "held",
    };
    this.reservations.set(reservationId, reservation);
    return reservation;
  }

  /** Gives the reserved items back; releasing twice, or a reservation never made, is not an error. */
  release(reservationId: string): { reservationId: string; released: true } {
    const reservation = this.reservations.get(reservationId);
    if (reservation) reservation.status = "released";
    return { reservationId, released: true };
  }
}
