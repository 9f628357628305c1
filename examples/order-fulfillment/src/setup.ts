import { join } from "node:path";
import type { Engine, QueueConsumer, TaskQueue } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import type { Router } from "express";
import { installDirectory, type Installed } from "@stepflow/server";
import { storefrontRoutes } from "./storefront-routes.ts";
import { StorefrontUpdates } from "./storefront-updates.ts";

/** The worker queue the storefront rules deliver to (`arn:aws:stepflow:<region>:<account>:queue/storefront-updates`). */
export const STOREFRONT_QUEUE = "storefront-updates";

/** What `stepflow start` hands an example's setup (package.json `stepflow.setup`). */
export interface ExampleContext {
  engine: Engine;
  bus: EventBus;
  queue: TaskQueue;
}

/** The running example: the routes `stepflow start` mounts at `/examples/order-fulfillment/`, and its shutdown. */
export interface OrderFulfillmentExample {
  installed: Installed;
  updates: StorefrontUpdates;
  router: Router;
  close(): Promise<void>;
}

/**
 * Installs the example (state machines `customer-status` and `order-fulfillment`, the rules of `rules/`),
 * then runs the front-end update target: a consumer of the storefront queue feeding the page's live
 * stream. Safe to run on every start and in every process.
 */
export async function setup(context: ExampleContext): Promise<OrderFulfillmentExample> {
  const installed = await installDirectory(join(import.meta.dirname, ".."), context.engine, context.bus);
  const updates = new StorefrontUpdates();
  const consumer: QueueConsumer = context.queue.consume(
    STOREFRONT_QUEUE,
    (job) => {
      updates.record(job.id, job.data);
      return Promise.resolve();
    },
    { concurrency: 4 },
  );
  const closing = new AbortController();
  return {
    installed,
    updates,
    router: storefrontRoutes({ bus: context.bus, updates, closing: closing.signal }),
    async close() {
      closing.abort();
      await consumer.close();
    },
  };
}
