import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { downloadText, openText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

const SAMPLE = readFileSync(
  new URL("../src/web/samples/order-fulfillment.asl.json", import.meta.url),
  "utf8",
);

const designer = designerSession();

const count = (page: Page, selector: string): Promise<number> => page.locator(selector).count();

async function toggle(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="collapse:${id}"]`);
  await waitForLayout(page);
}

/** Fails when two top-level nodes overlap on screen. */
async function expectTopLevelApart(page: Page): Promise<void> {
  const boxes = await page.$$eval(".react-flow__node", (elements) =>
    elements
      .filter((element) => !(element.dataset["id"] ?? "").includes("/"))
      .map((element) => {
        const rect = element.getBoundingClientRect();
        return { id: element.dataset["id"], x: rect.x, y: rect.y, right: rect.right, bottom: rect.bottom };
      }),
  );
  for (const a of boxes)
    for (const b of boxes) {
      if (a.id === b.id) continue;
      const apart =
        a.right <= b.x + 0.5 || b.right <= a.x + 0.5 || a.bottom <= b.y + 0.5 || b.bottom <= a.y + 0.5;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
}

describe("collapsible Parallel and Map groups", () => {
  it("collapses a Parallel into one node with a count, its edges drawn to the group, the text untouched", async () => {
    const { page } = designer;
    await openText(page, "order.asl.json", SAMPLE);
    const expanded = await page.locator('[data-testid="node:ReserveAndCharge"]').boundingBox();
    expect(await page.getAttribute('[data-testid="collapse:ReserveAndCharge"]', "aria-expanded")).toBe(
      "true",
    );
    await toggle(page, "ReserveAndCharge");
    expect(await page.getAttribute('[data-testid="collapse:ReserveAndCharge"]', "aria-expanded")).toBe(
      "false",
    );
    expect(await page.textContent('[data-testid="collapsed-count:ReserveAndCharge"]')).toBe("2 states");
    expect(await count(page, '[data-testid^="node:ReserveAndCharge/"]')).toBe(0);
    const collapsed = await page.locator('[data-testid="node:ReserveAndCharge"]').boundingBox();
    expect(collapsed?.height ?? Infinity).toBeLessThan((expanded?.height ?? 0) / 2);
    expect(await count(page, 'g[data-testid="edge:InventoryAvailable->ReserveAndCharge"]')).toBe(1);
    expect(await count(page, 'g[data-testid="edge:ReserveAndCharge->ShipItems"][data-kind="next"]')).toBe(1);
    expect(
      await count(page, 'g[data-testid="edge:ReserveAndCharge->CompensateOrder"][data-kind="catch"]'),
    ).toBe(1);
    await expectTopLevelApart(page);
    expect(await downloadText(page)).toBe(SAMPLE);
    expect(await page.isDisabled('[data-testid="undo"]')).toBe(true);
  });

  it("collapses a Map, and expands both again", async () => {
    const { page } = designer;
    await toggle(page, "ShipItems");
    expect(await page.textContent('[data-testid="collapsed-count:ShipItems"]')).toBe("2 states");
    expect(await count(page, 'g[data-testid="edge:ShipItems/PackItem->ShipItems/PrintLabel"]')).toBe(0);
    await expectTopLevelApart(page);
    await toggle(page, "ShipItems");
    await toggle(page, "ReserveAndCharge");
    expect(await count(page, '[data-testid="node:ReserveAndCharge/1/ChargePayment"]')).toBe(1);
    expect(await count(page, 'g[data-testid="edge:ShipItems/PackItem->ShipItems/PrintLabel"]')).toBe(1);
    expect(await count(page, '[data-testid^="collapsed-count:"]')).toBe(0);
  });

  it("counts the problems of hidden states on the group, and Find expands the group", async () => {
    const { page } = designer;
    const broken = SAMPLE.replace(
      '"Resource": "arn:aws:lambda:us-east-1:123456789012:function:reserve-stock",\n              "End": true',
      '"Resource": "arn:aws:lambda:us-east-1:123456789012:function:reserve-stock"',
    );
    expect(broken).not.toBe(SAMPLE);
    await openText(page, "broken.asl.json", broken);
    await toggle(page, "ReserveAndCharge");
    expect(
      await page.textContent('[data-testid="node:ReserveAndCharge"] [data-testid="problem-badge"]'),
    ).toBe("1");
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+K");
    await page.fill('[data-testid="find-input"]', "ReserveStock");
    await page.keyboard.press("Enter");
    await waitForLayout(page);
    expect(await count(page, '[data-testid="node:ReserveAndCharge/0/ReserveStock"]')).toBe(1);
    expect(await page.getAttribute('[data-testid="collapse:ReserveAndCharge"]', "aria-expanded")).toBe(
      "true",
    );
  });

  it("opens every group expanded in a new document", async () => {
    const { page } = designer;
    await toggle(page, "ShipItems");
    await openText(page, "order.asl.json", SAMPLE);
    expect(await count(page, '[data-testid^="collapsed-count:"]')).toBe(0);
    expect(await count(page, '[data-testid="node:ShipItems/PackItem"]')).toBe(1);
  });
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
