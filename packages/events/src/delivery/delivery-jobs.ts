import type { TaskQueue } from "@stepflow/engine";

/** The TaskQueue queue the delivery workers consume. */
export const DELIVERY_QUEUE = "stepflow-events-delivery";

/** A delivery job: which row, and which attempt (so a job left over from an earlier attempt is recognised). */
export interface DeliveryJob {
  delivery: number;
  attempt: number;
}

/** Deterministic per (row, attempt): re-sending after a crash adds nothing while the first job is queued. */
export function deliveryJobId(delivery: number, attempt: number): string {
  return `delivery-${delivery}-${attempt}`;
}

/**
 * Queues the first attempt of newly committed deliveries. A failure is swallowed: the rows are committed,
 * and the sweeper queues rows that stay due.
 */
export async function enqueueDeliveries(queue: TaskQueue, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const jobs = ids.map((id) => ({ id: deliveryJobId(id, 0), data: { delivery: id, attempt: 0 } }));
  await queue.addBulk(DELIVERY_QUEUE, jobs).catch(() => undefined);
}
