import { randomUUID } from "node:crypto";
import { createEngine, type Engine } from "@stepflow/engine";
import { createEventBus, type EventBus } from "@stepflow/events";
import { Worker } from "@stepflow/worker";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createOrderHandlers, createOrderServices, type OrderServices } from "../src/handlers.ts";
import { FLAKY_FAILURES, TEST_CARDS } from "../src/payments.ts";
import { orderCreatedEntry, placeOrder, type OrderRequest } from "../src/place-order.ts";
import { setup, type OrderFulfillmentExample } from "../src/setup.ts";
import type { OrderUpdate } from "../src/storefront-updates.ts";
import { backends, until, type Backend } from "./support/backends.ts";

/** The AWS shape of a history event, as far as these tests read it. */
interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  timestamp: Date;
  stateEnteredEventDetails?: { name: string };
  lambdaFunctionFailedEventDetails?: { error?: string; cause?: string };
  lambdaFunctionScheduledEventDetails?: { resource: string };
  executionFailedEventDetails?: { error?: string; cause?: string };
}

const mug = { sku: "mug-stepflow", quantity: 2, price: 12.5 };
const tee = { sku: "tee-asl", quantity: 1, price: 24 };
const stickers = { sku: "sticker-pack", quantity: 3, price: 4.25 };

describe.each(backends.filter((b) => b.available))("order fulfillment on $name", (b) => {
  let backend: Backend;
  let engine: Engine;
  let bus: EventBus;
  let example: OrderFulfillmentExample;
  let services: OrderServices;
  let worker: Worker;

  beforeAll(async () => {
    backend = await b.open();
    engine = await createEngine({ sql: backend.sql, queue: backend.queue });
    bus = await createEventBus({ sql: backend.sql, queue: backend.queue, engine });
    example = await setup({ engine, bus, queue: backend.queue });
    services = createOrderServices();
    worker = new Worker({ queue: backend.queue, handlers: createOrderHandlers(services), concurrency: 8 });
    await worker.start();
  });

  afterAll(async () => {
    await worker?.close();
    await example?.close();
    await bus?.close();
    await engine?.close();
    await backend?.close();
  });

  /** Places an order and waits until the storefront has its fulfilment's end (and, when `outcome` says so, that event). */
  async function order(request: Omit<OrderRequest, "orderId">, outcome?: "OrderFulfilled" | "OrderFailed") {
    const placed = await placeOrder(bus, { ...request, orderId: `ord-${randomUUID().slice(0, 8)}` });
    const orderId = placed.order.orderId;
    const timeline = await until(() => {
      const updates = example.updates.timeline(orderId);
      const ended = updates.some((u) => u.workflow === "order-fulfillment" && u.status !== "RUNNING");
      const announced = outcome === undefined || updates.some((u) => u.kind === outcome);
      return ended && announced ? updates : undefined;
    }, `the end of ${orderId}`);
    return { placed, orderId, timeline, ...(await runs(timeline)) };
  }

  /** The two workflows' executions of an order, described, with their histories. */
  async function runs(timeline: readonly OrderUpdate[]) {
    const arnOf = (workflow: string) => timeline.find((u) => u.workflow === workflow)?.executionArn;
    const load = async (arn: string | undefined) => {
      expect(arn).toBeDefined();
      const execution = await engine.executions.describe(arn!);
      const { events } = await engine.executions.history({ executionArn: arn!, maxResults: 1000 });
      return { execution, history: events as unknown as HistoryEvent[] };
    };
    return {
      status: await load(arnOf("customer-status")),
      fulfilment: await load(arnOf("order-fulfillment")),
    };
  }

  const entered = (history: HistoryEvent[]) =>
    history.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails!.name);
  const kinds = (timeline: readonly OrderUpdate[]) =>
    timeline.map((u) => (u.kind === "ExecutionStatusChange" ? `${u.workflow} ${u.status}` : u.kind)).sort();

  test.concurrent(
    "a returning customer's order is validated, reserved, charged, packed per item, shipped and confirmed",
    async () => {
      const { orderId, timeline, status, fulfilment } = await order(
        {
          customerId: "cust-ada",
          items: [mug, tee, stickers],
        },
        "OrderFulfilled",
      );

      expect(status.execution.status).toBe("SUCCEEDED");
      expect(entered(status.history)).toEqual([
        "LookupCustomer",
        "DetermineStatus",
        "ReturningCustomer",
        "PublishCustomerStatus",
        "Determined",
      ]);
      expect(JSON.parse(status.execution.output!)).toMatchObject({ orderId, status: "returning" });

      expect(fulfilment.execution.status).toBe("SUCCEEDED");
      const states = entered(fulfilment.history);
      expect(states.slice(0, 4)).toEqual([
        "ValidateOrder",
        "ReserveInventory",
        "ChargePayment",
        "PackAndShip",
      ]);
      expect(states.filter((s) => s === "PackItem")).toHaveLength(3);
      expect(states).toEqual(expect.arrayContaining(["PackItems", "ShipOrder", "SendConfirmation"]));
      expect(states.slice(-2)).toEqual(["PublishOrderFulfilled", "Fulfilled"]);
      expect(fulfilment.history.some((e) => e.type === "MapIterationSucceeded")).toBe(true);
      expect(fulfilment.history.filter((e) => e.type === "LambdaFunctionFailed")).toEqual([]);
      expect(JSON.parse(fulfilment.execution.output!)).toEqual({
        orderId,
        status: "FULFILLED",
        customerStatus: "returning",
        chargeId: `ch_${orderId}`,
        shipment: {
          trackingNumber: expect.stringMatching(/^SF\d{10}$/) as string,
          carrier: "standard",
          packages: 3,
        },
        confirmation: {
          messageId: `msg-${orderId}`,
          orderId,
          to: "user-cust-ada",
          template: "order-confirmation",
        },
      });

      // What reached the storefront target: every step, each once.
      expect(kinds(timeline)).toEqual([
        "CustomerStatusDetermined",
        "OrderCreated",
        "OrderFulfilled",
        "customer-status RUNNING",
        "customer-status SUCCEEDED",
        "order-fulfillment RUNNING",
        "order-fulfillment SUCCEEDED",
      ]);
      const fulfilled = timeline.find((u) => u.kind === "OrderFulfilled")!;
      expect(fulfilled.detail).toEqual({
        metadata: { "idempotency-key": `${orderId}/fulfilled` },
        data: {
          orderId,
          customerId: "cust-ada",
          customerStatus: "returning",
          chargeId: `ch_${orderId}`,
          carrier: "standard",
          trackingNumber: expect.stringMatching(/^SF/) as string,
        },
      });
      expect(services.inventory.reservations.get(`rsv-${orderId}`)).toMatchObject({
        status: "held",
        units: 6,
      });
      expect(services.payments.charges.get(`ch_${orderId}`)).toMatchObject({ amount: 61.75, last4: "4242" });
    },
  );

  test.concurrent("a VIP customer is recognised and ships express with the VIP confirmation", async () => {
    const { orderId, timeline, status, fulfilment } = await order(
      { customerId: "cust-grace", items: [tee] },
      "OrderFulfilled",
    );
    expect(entered(status.history)).toContain("VipCustomer");
    expect(timeline.find((u) => u.kind === "CustomerStatusDetermined")!.detail).toMatchObject({
      metadata: { "idempotency-key": `${orderId}/customer-status` },
      data: {
        customer: { customerId: "cust-grace", status: "vip", previousOrders: 27, lifetimeValue: 5120 },
      },
    });
    expect(JSON.parse(fulfilment.execution.output!)).toMatchObject({
      customerStatus: "vip",
      shipment: { carrier: "express" },
      confirmation: { template: "vip-order-confirmation" },
    });
  });

  test.concurrent(
    "a new customer's order gets through an inventory service that is busy at first (Retry)",
    async () => {
      const { status, fulfilment } = await order(
        {
          customerId: `cust-${randomUUID().slice(0, 6)}`,
          items: [stickers],
          simulate: { inventoryBusyAttempts: 1 },
        },
        "OrderFulfilled",
      );
      expect(entered(status.history)).toContain("NewCustomer");
      expect(JSON.parse(status.execution.output!)).toMatchObject({ status: "new" });
      expect(fulfilment.execution.status).toBe("SUCCEEDED");
      const failures = fulfilment.history.filter((e) => e.type === "LambdaFunctionFailed");
      expect(failures.map((e) => e.lambdaFunctionFailedEventDetails!.error)).toEqual(["InventoryBusy"]);
      expect(entered(fulfilment.history).filter((s) => s === "ReserveInventory")).toHaveLength(1);
    },
  );

  test.concurrent(
    "an invalid order fails at validation with every problem named, before anything is reserved or charged",
    async () => {
      const { orderId, timeline, fulfilment } = await order({
        customerId: "cust-ada",
        items: [mug, { sku: "tee-asl", quantity: 0, price: 24 }],
        quantity: 2,
        total_amount: 10,
      });
      expect(fulfilment.execution.status).toBe("FAILED");
      expect(fulfilment.execution.error).toBe("OrderInvalid");
      expect(fulfilment.execution.cause).toBe(
        `order ${orderId} is invalid: items[1].quantity must be a positive integer (got 0)`,
      );
      expect(entered(fulfilment.history)).toEqual(["ValidateOrder", "OrderRejected"]);
      expect(services.inventory.reservations.has(`rsv-${orderId}`)).toBe(false);
      expect(services.payments.charges.has(`ch_${orderId}`)).toBe(false);
      const end = timeline.find((u) => u.workflow === "order-fulfillment" && u.status === "FAILED")!;
      expect(end.summary).toContain("OrderInvalid");
      expect(timeline.some((u) => u.kind === "OrderFulfilled" || u.kind === "OrderFailed")).toBe(false);
    },
  );

  test.concurrent("a total that does not add up is rejected too", async () => {
    const { fulfilment } = await order({ customerId: "cust-ada", items: [mug], total_amount: 20 });
    expect(fulfilment.execution.cause).toContain("total_amount 20 does not match the items' total 25.00");
  });

  test.concurrent(
    "a declined card releases the reserved inventory and publishes OrderFailed (compensation)",
    async () => {
      const { orderId, timeline, fulfilment } = await order(
        { customerId: "cust-ada", items: [mug], payment: { card: TEST_CARDS.declined } },
        "OrderFailed",
      );
      expect(fulfilment.execution.status).toBe("FAILED");
      expect(fulfilment.execution.error).toBe("PaymentDeclined");
      expect(fulfilment.execution.cause).toBe(
        "card ending 0002 was declined by its issuer (generic_decline)",
      );
      expect(entered(fulfilment.history)).toEqual([
        "ValidateOrder",
        "ReserveInventory",
        "ChargePayment",
        "ReleaseInventory",
        "PublishOrderFailed",
        "PaymentFailed",
      ]);
      // A declined card is not retried: one attempt.
      expect(fulfilment.history.filter((e) => e.type === "LambdaFunctionFailed")).toHaveLength(1);
      expect(services.inventory.reservations.get(`rsv-${orderId}`)?.status).toBe("released");
      expect(services.payments.charges.has(`ch_${orderId}`)).toBe(false);
      expect(timeline.find((u) => u.kind === "OrderFailed")!.detail).toEqual({
        metadata: { "idempotency-key": `${orderId}/failed` },
        data: {
          orderId,
          customerId: "cust-ada",
          reason: "PaymentDeclined",
          message: "card ending 0002 was declined by its issuer (generic_decline)",
          inventoryReleased: true,
        },
      });
      expect(timeline.some((u) => u.kind === "OrderFulfilled")).toBe(false);
    },
  );

  test.concurrent(
    "a payment service that is down three times is retried with backoff capped by MaxDelaySeconds",
    async () => {
      const { orderId, fulfilment } = await order(
        { customerId: "cust-ada", items: [mug], payment: { card: TEST_CARDS.flaky } },
        "OrderFulfilled",
      );
      expect(fulfilment.execution.status).toBe("SUCCEEDED");
      // A Lambda function's outcome names no resource: it follows its LambdaFunctionScheduled (and Started).
      const byId = new Map(fulfilment.history.map((e) => [e.id, e]));
      const isCharge = (e: HistoryEvent | undefined): boolean =>
        e?.type === "LambdaFunctionStarted"
          ? isCharge(byId.get(e.previousEventId))
          : e?.lambdaFunctionScheduledEventDetails?.resource.endsWith("payments-charge") === true;
      const charge = fulfilment.history.filter(
        (e) =>
          (e.type === "LambdaFunctionScheduled" && isCharge(e)) ||
          (/^LambdaFunction(Failed|Succeeded)$/.test(e.type) && isCharge(byId.get(e.previousEventId))),
      );
      expect(charge.map((e) => e.type)).toEqual([
        "LambdaFunctionScheduled",
        "LambdaFunctionFailed",
        "LambdaFunctionScheduled",
        "LambdaFunctionFailed",
        "LambdaFunctionScheduled",
        "LambdaFunctionFailed",
        "LambdaFunctionScheduled",
        "LambdaFunctionSucceeded",
      ]);
      expect(
        charge
          .filter((e) => e.type === "LambdaFunctionFailed")
          .map((e) => e.lambdaFunctionFailedEventDetails!.error),
      ).toEqual(Array(FLAKY_FAILURES).fill("PaymentServiceUnavailable"));
      // IntervalSeconds 1, BackoffRate 2: waits of 1 s and 2 s; the third would be 4 s but MaxDelaySeconds
      // caps it at 2 s.
      const gap = (failed: number) =>
        new Date(charge[failed + 1]!.timestamp).getTime() - new Date(charge[failed]!.timestamp).getTime();
      expect(gap(1)).toBeGreaterThanOrEqual(950);
      expect(gap(3)).toBeGreaterThanOrEqual(1950);
      expect(gap(5)).toBeGreaterThanOrEqual(1950);
      expect(gap(5)).toBeLessThan(3800);
      expect(services.payments.charges.get(`ch_${orderId}`)).toMatchObject({ last4: "0119" });
    },
  );

  test.concurrent(
    "anyone can publish OrderCreated with PutEvents; the same idempotency-key twice starts one order",
    async () => {
      const orderId = `ord-${randomUUID().slice(0, 8)}`;
      const entry = orderCreatedEntry(
        {
          orderId,
          customerId: "cust-ada",
          userId: "user-7",
          items: [mug],
          quantity: 2,
          total_amount: 25,
        },
        `key-${orderId}`,
      );
      const first = await bus.putEvents({ Entries: [entry] });
      const second = await bus.putEvents({ Entries: [entry] });
      expect(second.Entries[0]!.EventId).toBe(first.Entries[0]!.EventId);
      await until(
        () => (example.updates.timeline(orderId).some((u) => u.kind === "OrderFulfilled") ? true : undefined),
        "the order to be fulfilled",
      );
      const timeline = example.updates.timeline(orderId);
      expect(timeline.filter((u) => u.kind === "OrderCreated")).toHaveLength(1);
      const started = timeline.filter((u) => u.kind === "ExecutionStatusChange" && u.status === "RUNNING");
      expect(started.map((u) => u.workflow).sort()).toEqual(["customer-status", "order-fulfillment"]);
      const machine = engine.arns.stateMachine("customer-status");
      const listed = await engine.executions.list({ stateMachineArn: machine, maxResults: 1000 });
      const executions = listed.executions as { executionArn: string }[];
      const mine: string[] = [];
      for (const e of executions) {
        const input = JSON.parse((await engine.executions.describe(e.executionArn)).input) as {
          data: { orderId: string };
        };
        if (input.data.orderId === orderId) mine.push(e.executionArn);
      }
      expect(mine).toHaveLength(1);
    },
  );

  test("setup runs again without changing anything (every start runs it)", async () => {
    const again = await setup({ engine, bus, queue: backend.queue });
    await again.close();
    expect(again.installed).toEqual(example.installed);
    const rules = await bus.listRules({});
    expect(rules.Rules.map((r) => r.Name).sort()).toEqual([
      "customer-status-determined",
      "order-created",
      "order-outcome",
      "order-progress",
    ]);
    const targets = await bus.listTargetsByRule({ Rule: "order-progress" });
    expect(targets.Targets).toHaveLength(1);
  });
});
