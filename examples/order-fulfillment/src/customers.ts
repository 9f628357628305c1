/** What the CRM knows about a customer's past orders. */
export interface CustomerHistory {
  customerId: string;
  previousOrders: number;
  lifetimeValue: number;
}

/**
 * The example's CRM: a fixed table, so every run decides the same status for the same customer. Any
 * customer not listed has never ordered (new).
 */
export const KNOWN_CUSTOMERS: Readonly<Record<string, Omit<CustomerHistory, "customerId">>> = {
  "cust-ada": { previousOrders: 3, lifetimeValue: 240.5 },
  "cust-grace": { previousOrders: 27, lifetimeValue: 5120 },
};

/** The history of `customerId` (zero orders when unknown). */
export function customerHistory(customerId: string): CustomerHistory {
  return { customerId, ...(KNOWN_CUSTOMERS[customerId] ?? { previousOrders: 0, lifetimeValue: 0 }) };
}
