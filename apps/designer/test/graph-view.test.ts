import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";
import { walkDefinition } from "./support/walk-definition.ts";

const SAMPLES = {
  "order-fulfillment": "Order fulfillment (sample)",
  "identity-confirmation": "Identity confirmation (sample)",
} as const;
const ARTIFACTS = fileURLToPath(new URL("../test-results/", import.meta.url));

const designer = designerSession();

beforeAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
});

async function shown(page: Page) {
  return page.evaluate(() => {
    const ids = (selector: string) =>
      [...document.querySelectorAll(selector)].map((el) => el.getAttribute("data-testid") ?? "");
    return {
      nodes: ids('[data-testid^="node:"]')
        .map((id) => id.slice("node:".length))
        .sort(),
      edges: [...document.querySelectorAll('g[data-testid^="edge:"]')]
        .map((el) => `${el.getAttribute("data-testid")} ${el.getAttribute("data-kind")}`)
        .sort(),
      retries: [...document.querySelectorAll('[data-testid="retry-badge"]')]
        .map((el) => el.closest('[data-testid^="node:"]')?.getAttribute("data-testid")?.slice(5) ?? "")
        .sort(),
    };
  });
}

describe.each(Object.entries(SAMPLES))("sample %s", (id, title) => {
  const definition: unknown = JSON.parse(
    readFileSync(new URL(`../src/web/samples/${id}.asl.json`, import.meta.url), "utf8"),
  );

  it("shows exactly the nodes, edges and Retry badges an independent walk of the JSON finds", async () => {
    const { page } = designer;
    await page.selectOption('[data-testid="open-select"]', `sample:${id}`);
    await page.locator('[data-testid="doc-name"]', { hasText: title }).waitFor();
    await waitForLayout(page);
    expect(await shown(page)).toEqual(walkDefinition(definition));
  });

  it("lays out leaf states without overlaps and names them for assistive technology", async () => {
    const { page } = designer;
    const boxes = await page.$$eval(".react-flow__node-state", (els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          id: el.getAttribute("data-id"),
          label: el.getAttribute("aria-label"),
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
        };
      }),
    );
    expect(boxes.length).toBeGreaterThan(5);
    for (const a of boxes) {
      expect(a.label).toMatch(/^[^,]+, (Task|Pass|Choice|Wait|Succeed|Fail), valid$/);
      for (const b of boxes) {
        if (a === b) continue;
        const apart =
          a.x + a.w <= b.x + 0.5 ||
          b.x + b.w <= a.x + 0.5 ||
          a.y + a.h <= b.y + 0.5 ||
          b.y + b.h <= a.y + 0.5;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it("saves screenshots in both themes", async () => {
    const { page } = designer;
    for (const theme of ["light", "dark"]) {
      if ((await page.getAttribute("html", "data-theme")) !== theme)
        await page.click('[data-testid="theme-toggle"]');
      expect(await page.getAttribute("html", "data-theme")).toBe(theme);
      await page.screenshot({ path: `${ARTIFACTS}${id}-${theme}.png` });
    }
    await page.click('[data-testid="theme-toggle"]');
  });
});

it("labels Choice, Default and Catch edges and dashes Catch", async () => {
  const { page } = designer;
  await page.selectOption('[data-testid="open-select"]', "sample:order-fulfillment");
  await waitForLayout(page);
  const label = (edge: string, kind: string) =>
    page.locator(`[data-testid="edge-label:${edge}"][data-kind="${kind}"]`).textContent();
  expect(await label("InventoryAvailable->ReserveAndCharge", "choice")).toBe("$.inventory.available == true");
  // Long rules are cut to 48 characters.
  expect(await label("InventoryAvailable->WaitForRestock", "choice")).toBe(
    "$.inventory.restockDays <= 7 && $.order.allowBa…",
  );
  expect(await label("InventoryAvailable->RejectOrder", "default")).toBe("Default");
  expect(await label("ReserveAndCharge->CompensateOrder", "catch")).toBe("States.ALL");
  const dash = await page
    .locator('g[data-testid="edge:ValidateOrder->RejectOrder"][data-kind="catch"] path.react-flow__edge-path')
    .evaluate((el) => getComputedStyle(el).strokeDasharray);
  expect(dash).not.toBe("none");
  expect(await page.locator('[data-testid="node:ReserveAndCharge/1/ChargePayment"]').count()).toBe(1);
});

it("logged no console errors and made no request off 127.0.0.1", () => {
  expect(designer.errors).toEqual([]);
});
