import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { downloadText, openText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

const ORIGINAL = [
  "{",
  '\t"StartAt": "Fetch",',
  '\t"States": {',
  '\t\t"Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch", "Next": "Check",',
  '\t\t\t"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},',
  '\t\t"Check": {"Type": "Pass", "Next": "Done"},',
  '\t\t"Done": {"Type": "Succeed"},',
  '\t\t"Failed": {"Type": "Fail", "Error": "E"}',
  "\t}",
  "}",
  "",
].join("\r\n");

const designer = designerSession();

/** Screen coordinates of the middle of a drawn edge's path. */
async function edgeMiddle(page: Page, source: string, target: string): Promise<{ x: number; y: number }> {
  return page.$eval(`g[data-testid="edge:${source}->${target}"] path`, (element) => {
    const path = element as SVGPathElement;
    const middle = path.getPointAtLength(path.getTotalLength() / 2);
    const matrix = path.getScreenCTM();
    if (matrix === null) throw new Error("edge not on screen");
    const point = new DOMPoint(middle.x, middle.y).matrixTransform(matrix);
    return { x: point.x, y: point.y };
  });
}

/** Drags a palette item with the mouse (HTML5 drag and drop) and drops it at a screen point. */
async function dragPaletteItem(page: Page, type: string, to: { x: number; y: number }): Promise<void> {
  await page.locator(`[data-testid="palette:${type}"]`).hover();
  await page.mouse.down();
  await page.mouse.move(to.x - 30, to.y, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

describe("drag a palette item onto a transition", () => {
  it("inserts the state on the Next it was dropped on, rewiring it in place", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await dragPaletteItem(page, "Wait", await edgeMiddle(page, "Check", "Done"));
    await page
      .locator('[data-testid="status"]', { hasText: "Inserted Wait between Check and Done" })
      .waitFor();
    await waitForLayout(page);
    expect(await page.locator('g[data-testid="edge:Check->Wait"][data-kind="next"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Wait->Done"][data-kind="next"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Check->Done"]').count()).toBe(0);
    expect(await downloadText(page)).toBe(
      ORIGINAL.replace(
        '"Check": {"Type": "Pass", "Next": "Done"}',
        '"Check": {"Type": "Pass", "Next": "Wait"}',
      ).replace(
        '\t\t"Failed": {"Type": "Fail", "Error": "E"}\r\n',
        '\t\t"Failed": {"Type": "Fail", "Error": "E"},\r\n\t\t"Wait": {\r\n\t\t\t"Type": "Wait",\r\n\t\t\t"Seconds": 5,\r\n\t\t\t"Next": "Done"\r\n\t\t}\r\n',
      ),
    );
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("inserts on a Catch, leaving the Task's Next alone", async () => {
    const { page } = designer;
    await waitForLayout(page);
    await dragPaletteItem(page, "Pass", await edgeMiddle(page, "Fetch", "Failed"));
    await page
      .locator('[data-testid="status"]', { hasText: "Inserted Pass between Fetch and Failed" })
      .waitFor();
    await waitForLayout(page);
    expect(await page.locator('g[data-testid="edge:Fetch->Pass"][data-kind="catch"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Fetch->Check"][data-kind="next"]').count()).toBe(1);
  });

  it("refuses a Succeed, and does nothing when dropped off any transition", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await dragPaletteItem(page, "Succeed", await edgeMiddle(page, "Check", "Done"));
    await page
      .locator('[data-testid="status"]', { hasText: "Not changed: a Succeed state cannot go on" })
      .waitFor();
    const pane = await page.locator(".react-flow__pane").boundingBox();
    await dragPaletteItem(page, "Pass", { x: (pane?.x ?? 0) + 10, y: (pane?.y ?? 0) + 10 });
    expect(await downloadText(page)).toBe(ORIGINAL);
  });
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
