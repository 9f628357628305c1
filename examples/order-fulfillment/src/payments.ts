import { TaskFailure } from "@stepflow/worker";
import type { Order } from "./order.ts";

/** Card numbers the fake payment service treats specially, after Stripe's test cards. */
export const TEST_CARDS = {
  /** Always charged. Also what an order without `payment.card` pays with. */
  ok: "4242424242424242",
  /** Always declined: `PaymentDeclined`. */
  declined: "4000000000000002",
  /** The payment service is unavailable for the first three attempts, then charges: `PaymentServiceUnavailable`. */
  flaky: "4000000000000119",
} as const;

/** How many attempts the flaky card fails before it is charged. */
export const FLAKY_FAILURES = 3;

/** A successful charge. */
export interface Charge {
  chargeId: string;
  amount: number;
  last4: string;
}

/**
 * The example's payment service: deterministic on the order's card and the task's attempt, so a test
 * (or a person on the storefront page) can make it decline or be briefly unavailable on demand.
 */
export class FakePayments {
  readonly charges = new Map<string, Charge>();

  /** Charges the order's total, or throws the failure its card stands for. */
  charge(order: Order, attempt: number): Charge {
    const card = (order.payment?.card ?? TEST_CARDS.ok).replace(/[\s-]/g, "");
    const last4 = card.slice(-4);
    if (card === TEST_CARDS.declined) {
      throw new TaskFailure(
        "PaymentDeclined",
        `card ending ${last4} was declined by its issuer (generic_decline)`,
      );
    }
    if (card === TEST_CARDS.flaky && attempt < FLAKY_FAILURES) {
      throw new TaskFailure(
        "PaymentServiceUnavailable",
        `the payment service answered 503 Service Unavailable (attempt ${attempt + 1})`,
      );
    }
    const charge = { chargeId: `ch_${order.orderId}`, amount: order.total_amount, last4 };
    // Idempotent per order: a task delivered twice charges once.
    if (!this.charges.has(charge.chargeId)) this.charges.set(charge.chargeId, charge);
    return this.charges.get(charge.chargeId)!;
  }
}
