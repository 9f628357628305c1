import { KNOWN_CUSTOMERS } from "./customers.ts";
import { TEST_CARDS } from "./payments.ts";

/** What the storefront page sells and lets you pick; served at `api/catalog`. */
export const CATALOG = {
  products: [
    { sku: "mug-stepflow", name: "Stepflow mug", price: 12.5 },
    { sku: "tee-asl", name: "States Language T-shirt", price: 24 },
    { sku: "sticker-pack", name: "Sticker pack", price: 4.25 },
  ],
  customers: [
    { customerId: "cust-newcomer", label: "a new customer (no orders yet)" },
    ...Object.entries(KNOWN_CUSTOMERS).map(([customerId, history]) => ({
      customerId,
      label: `${customerId} (${history.previousOrders} orders, ${history.lifetimeValue} spent)`,
    })),
  ],
  cards: [
    { card: TEST_CARDS.ok, label: "4242… charged" },
    { card: TEST_CARDS.declined, label: "4000…0002 declined" },
    { card: TEST_CARDS.flaky, label: "4000…0119 payment service down 3 times, then charged" },
  ],
} as const;
