/** One line of an order. */
export interface OrderItem {
  sku: string;
  quantity: number;
  /** Unit price. */
  price: number;
}

/** Switches that make this example's fakes fail on purpose (see README, "Making things fail"). */
export interface OrderSimulation {
  /** The inventory service answers `InventoryBusy` on this many attempts before it reserves. */
  inventoryBusyAttempts?: number;
}

/**
 * The `data` of an `OrderCreated` event, as the storefront publishes it. `payment` and `simulate` are
 * this example's own additions; the rest is the shape issue #7 gives.
 */
export interface Order {
  orderId: string;
  customerId: string;
  userId: string;
  items: OrderItem[];
  /** Units over all items. */
  quantity: number;
  total_amount: number;
  payment?: { card?: string };
  simulate?: OrderSimulation;
}

/** The source of every event this example publishes. */
export const ORDER_SOURCE = "stepflow.examples.orders";

/** Sum of price × quantity, in cents, so 0.1 + 0.2 compares as 30 cents. */
export function totalCents(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.quantity, 0);
}

/**
 * Every problem with an order, in words a shop assistant could act on; empty when it is valid. Reads
 * untrusted input (anyone can publish OrderCreated), so nothing about its shape is assumed.
 */
export function orderProblems(order: unknown): string[] {
  if (typeof order !== "object" || order === null || Array.isArray(order))
    return ["the order is not an object"];
  const o = order as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of ["orderId", "customerId", "userId"]) {
    if (typeof o[field] !== "string" || o[field] === "") problems.push(`${field} must be a non-empty string`);
  }
  const items = o.items;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push("items must list at least one item");
    return problems;
  }
  items.forEach((raw, i) => {
    const item = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof item.sku !== "string" || item.sku === "")
      problems.push(`items[${i}].sku must be a non-empty string`);
    if (!Number.isInteger(item.quantity) || (item.quantity as number) <= 0) {
      problems.push(`items[${i}].quantity must be a positive integer (got ${JSON.stringify(item.quantity)})`);
    }
    if (typeof item.price !== "number" || !Number.isFinite(item.price) || item.price < 0) {
      problems.push(`items[${i}].price must be a number of at least 0 (got ${JSON.stringify(item.price)})`);
    }
  });
  if (problems.some((p) => p.startsWith("items["))) return problems;
  const lines = items as OrderItem[];
  const units = lines.reduce((sum, item) => sum + item.quantity, 0);
  if (o.quantity !== units) {
    problems.push(`quantity ${JSON.stringify(o.quantity)} does not match the items' ${units} units`);
  }
  const cents = totalCents(lines);
  if (typeof o.total_amount !== "number" || Math.round(o.total_amount * 100) !== cents) {
    problems.push(
      `total_amount ${JSON.stringify(o.total_amount)} does not match the items' total ${(cents / 100).toFixed(2)}`,
    );
  }
  return problems;
}
