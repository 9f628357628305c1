import { randomUUID } from "node:crypto";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { orderCreatedEntry } from "../src/place-order.ts";
import type { OrderUpdate } from "../src/storefront-updates.ts";
import { until } from "./support/backends.ts";
import {
  launchBrowser,
  startStepflow,
  type RunningStepflow,
} from "../../../test/support/running-stepflow.ts";

/** `npm start`'s server with the storefront at /examples/order-fulfillment/, used as a person and a script would. */
describe("the storefront under stepflow start", () => {
  let stepflow: RunningStepflow;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const storefront = () => `${stepflow.url}/examples/order-fulfillment/`;

  beforeAll(async () => {
    stepflow = await startStepflow();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    expect(await stepflow?.stop()).toBe(0);
  });

  test("start-up logs the storefront's URL", () => {
    expect(stepflow.lines.find((l) => l.example === "order-fulfillment")?.url).toBe(storefront());
  });

  test("orders placed on the page move through their states live, to fulfilled or failed", async () => {
    await page.goto(storefront());
    await page.selectOption("#customer", "cust-grace");
    await page.click("#place");
    const first = page.locator(".order").first();
    await first.locator(".badge.fulfilled").waitFor({ timeout: 30_000 });
    await expect
      .poll(() => first.locator(".states").textContent())
      .toContain("PublishOrderFulfilled → Fulfilled");
    const updates = await first.locator(".updates").textContent();
    expect(updates).toContain("customer is vip");
    expect(updates).toContain("fulfilled: shipped express");

    await page.selectOption("#card", "4000000000000002");
    await page.click("#place");
    const second = page.locator(".order").first();
    await second.locator(".badge.failed").waitFor({ timeout: 30_000 });
    await expect
      .poll(() => second.locator(".updates").textContent())
      .toContain(
        "failed: PaymentDeclined (card ending 0002 was declined by its issuer (generic_decline)); inventory released",
      );
    await expect
      .poll(() => second.locator(".states").textContent())
      .toContain("ReleaseInventory → PublishOrderFailed");
    expect(errors).toEqual([]);
  });

  test("an OrderCreated published with the AWS SDK gets the same result, and the page can follow it", async () => {
    const client = new EventBridgeClient({
      endpoint: stepflow.url,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const orderId = `ord-sdk-${randomUUID().slice(0, 6)}`;
    const entry = orderCreatedEntry(
      {
        orderId,
        customerId: "cust-ada",
        userId: "user-sdk",
        items: [{ sku: "sticker-pack", quantity: 4, price: 4.25 }],
        quantity: 4,
        total_amount: 17,
      },
      `sdk-${orderId}`,
    );
    const sent = await client.send(new PutEventsCommand({ Entries: [entry] }));
    client.destroy();
    expect(sent.FailedEntryCount).toBe(0);
    const updates = await until(async () => {
      const response = await fetch(`${storefront()}api/orders/${orderId}`);
      const body = (await response.json()) as { updates: OrderUpdate[] };
      return body.updates.some((u) => u.kind === "OrderFulfilled") ? body.updates : undefined;
    }, `order ${orderId} to be fulfilled`);
    expect(updates.find((u) => u.kind === "OrderCreated")?.eventId).toBe(sent.Entries?.[0]?.EventId);
    expect(updates.map((u) => u.summary)).toContain("customer is returning");

    await page.goto(`${storefront()}?follow=${orderId}`);
    await page.locator(".order .badge.fulfilled").waitFor({ timeout: 15_000 });
    expect(await page.locator(".order h3").textContent()).toContain(
      `${orderId} — cust-ada, 4 item(s), total 17`,
    );
    expect(errors).toEqual([]);
  });
});
