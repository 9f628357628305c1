import type { TaskQueue } from "@stepflow/engine";

/** The TaskQueue queue the delivery workers consume. */
export const DELIVERY_QUEUE = "stepflow-events-delivery";

/**
 * A delivery job: which rows, and which attempt of them (so a job left over from an earlier attempt is
 * recognised). A retry or a swept row is a job of its own (`delivery`); a commit's first attempts are one
 * job for all of its rows (`deliveries`).
 */
export type DeliveryJob = { delivery: number; attempt: number } | { deliveries: number[]; attempt: 0 };

/** Deterministic per (row, attempt): re-sending after a crash adds nothing while the first job is queued. */
export function deliveryJobId(delivery: number, attempt: number): string {
  return `delivery-${delivery}-${attempt}`;
}

/** The rows a job names. */
export function jobDeliveries(job: DeliveryJob): number[] {
  return "deliveries" in job ? job.deliveries : [job.delivery];
}

/**
 * Queues the first attempt of newly committed deliveries as one job. A failure is swallowed: the rows are
 * committed, and the sweeper queues rows that stay due.
 */
export async function enqueueDeliveries(queue: TaskQueue, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const job =
    ids.length === 1
      ? { id: deliveryJobId(ids[0]!, 0), data: { delivery: ids[0]!, attempt: 0 } }
      : { id: `deliveries-${ids[0]}-${ids.length}`, data: { deliveries: [...ids], attempt: 0 } };
  await queue.add(DELIVERY_QUEUE, job).catch(() => undefined);
}
