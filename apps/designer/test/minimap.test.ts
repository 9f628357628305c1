import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { generateDefinition } from "./support/generate-definition.ts";
import { openText } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

const designer = designerSession();

const viewportTransform = (page: Page): Promise<string> =>
  page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);

const rectCount = (path: string | null): number => (path ?? "").match(/M/g)?.length ?? 0;

describe("the minimap", () => {
  it("draws the sample's states filled and its Parallel and Map frames outlined", async () => {
    const { page } = designer;
    const minimap = page.locator('[data-testid="minimap"] svg[aria-label="Minimap"]');
    await minimap.waitFor();
    const states = await page.locator(".react-flow__node-state").count();
    const groups = await page.locator(".react-flow__node-group, .react-flow__node-branch").count();
    expect(groups).toBeGreaterThan(0);
    expect(rectCount(await minimap.locator(".react-flow__minimap-node").getAttribute("d"))).toBe(states);
    expect(rectCount(await minimap.locator(".minimap-groups").getAttribute("d"))).toBe(groups);
    expect(designer.errors).toEqual([]);
  });

  it("draws 500 states as one element, and pans and zooms the graph", async () => {
    const { page } = designer;
    await openText(page, "generated-500.asl.json", generateDefinition(500));
    const minimap = page.locator('[data-testid="minimap"] svg');
    const states = minimap.locator(".react-flow__minimap-node");
    expect(await states.count()).toBe(1);
    expect(rectCount(await states.getAttribute("d"))).toBe(500);

    const before = await viewportTransform(page);
    const box = await minimap.boundingBox();
    if (box === null) throw new Error("the minimap is not on screen");
    await page.mouse.move(box.x + box.width / 2, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 60, { steps: 4 });
    await page.mouse.up();
    const panned = await viewportTransform(page);
    expect(panned).not.toBe(before);

    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(() => viewportTransform(page)).not.toBe(panned);
    expect(designer.errors).toEqual([]);
  });
});
