import { join } from "node:path";
import type { Engine, QueueConsumer, TaskQueue } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import type { Router } from "express";
import { doorRoutes } from "./door-routes.ts";
import { installDirectory, type Installed } from "@stepflow/server";
import { Phone, type Notification } from "./notifications.ts";

/** The worker queue the notification rules deliver to (`arn:aws:stepflow:<region>:<account>:queue/door-notifications`). */
export const NOTIFICATION_QUEUE = "door-notifications";

/** What `stepflow start` hands an example's setup (package.json `stepflow.setup`). */
export interface ExampleContext {
  engine: Engine;
  bus: EventBus;
  queue: TaskQueue;
  /** Where the phone logs each push (`stepflow start` passes its logger). */
  log?: { info(object: object, message: string): void };
}

/** The running example: the routes `stepflow start` mounts at `/examples/identity-confirmation/`, and its shutdown. */
export interface IdentityConfirmationExample {
  installed: Installed;
  phone: Phone;
  router: Router;
  close(): Promise<void>;
}

/**
 * Installs the example (the `identity-confirmation` state machine, the rules of `rules/`), then runs the
 * notification target: the phone, consuming the `door-notifications` queue. Safe to run on every start
 * and in every process.
 */
export async function setup(context: ExampleContext): Promise<IdentityConfirmationExample> {
  const installed = await installDirectory(join(import.meta.dirname, ".."), context.engine, context.bus);
  const log = context.log;
  const phone = new Phone(
    log === undefined ? undefined : (n: Notification) => log.info({ notification: n }, `phone: ${n.title}`),
  );
  const consumer: QueueConsumer = context.queue.consume(
    NOTIFICATION_QUEUE,
    (job) => {
      phone.receive(job.id, job.data);
      return Promise.resolve();
    },
    { concurrency: 4 },
  );
  const closing = new AbortController();
  return {
    installed,
    phone,
    router: doorRoutes({ engine: context.engine, bus: context.bus, phone, closing: closing.signal }),
    async close() {
      closing.abort();
      await consumer.close();
    },
  };
}
