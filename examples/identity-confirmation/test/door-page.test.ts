import { spawn } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Notification } from "../src/notifications.ts";
import { until } from "./support/backends.ts";
import {
  launchBrowser,
  repoRoot,
  startStepflow,
  type RunningStepflow,
} from "../../../test/support/running-stepflow.ts";

/** `npm start`'s server with the door page at /examples/identity-confirmation/, used as a person and the door script would. */
describe("the smart door under stepflow start", () => {
  let stepflow: RunningStepflow;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const doorPage = () => `${stepflow.url}/examples/identity-confirmation/`;

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

  test("opening the door on the page notifies the phone and shows each workflow's outcome", async () => {
    await page.goto(doorPage());
    await page.getByRole("button", { name: "Alice Liddell (resident)" }).click();
    await page.locator("#notifications li", { hasText: "person: alice" }).waitFor({ timeout: 30_000 });
    await page.locator("#visits li.SUCCEEDED", { hasText: "alice" }).waitFor({ timeout: 30_000 });
    expect(await page.locator("#visits li", { hasText: "alice" }).textContent()).toContain(
      '"outcome":"recognised"',
    );

    await page.getByRole("button", { name: "a visitor: mallory" }).click();
    await page
      .locator("#notifications li.alert", { hasText: "Unrecognised person at the front door" })
      .waitFor();

    await page.getByRole("button", { name: "a blurred camera image (identification error)" }).click();
    await page
      .locator("#notifications li.alert", { hasText: "Could not identify who opened the front door" })
      .waitFor();
    await page.locator("#visits li.FAILED", { hasText: "blurred" }).waitFor();
    expect(errors).toEqual([]);
  });

  test("the door script sends one event twice with the AWS SDK: one notification, one workflow", async () => {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        "npm",
        ["run", "door", "--silent", "-w", "examples/identity-confirmation", "--", "--twice", "bob"],
        {
          cwd: repoRoot,
          env: { ...process.env, STEPFLOW_URL: stepflow.url },
        },
      );
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`door script exited ${code}: ${out}`)),
      );
    });
    const ids = [...output.matchAll(/door opened by bob: event (\S+) \(idempotency-key (\S+)\)/g)];
    expect(ids).toHaveLength(2);
    expect(ids[0]![1]).toBe(ids[1]![1]);
    const bob = (n: Notification) => n.personId === "bob";
    await until(async () => {
      const body = (await (await fetch(`${doorPage()}api/notifications`)).json()) as {
        notifications: Notification[];
      };
      return body.notifications.some(bob) ? true : undefined;
    }, "bob's notification");
    // The second copy, had it been taken, would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { notifications } = (await (await fetch(`${doorPage()}api/notifications`)).json()) as {
      notifications: Notification[];
    };
    expect(notifications.filter(bob)).toEqual([
      expect.objectContaining({ kind: "door-opened", eventId: ids[0]![1] }),
    ]);
    const { visits } = (await (await fetch(`${doorPage()}api/visits`)).json()) as {
      visits: { personId: string }[];
    };
    expect(visits.filter((v) => v.personId === "bob")).toHaveLength(1);
  });
});
