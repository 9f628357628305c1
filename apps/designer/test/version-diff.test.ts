import { describe, expect, it } from "vitest";
import { waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

const OTHER = `${JSON.stringify(
  {
    StartAt: "A",
    States: {
      A: { Type: "Pass", Next: "B" },
      B: { Type: "Pass", Next: "Gone" },
      Gone: { Type: "Succeed" },
    },
  },
  null,
  2,
)}\n`;
const CURRENT = `${JSON.stringify(
  {
    StartAt: "A",
    States: {
      A: { Type: "Pass", Result: 1, Next: "B" },
      B: { Type: "Pass", Next: "New" },
      New: { Type: "Succeed" },
    },
  },
  null,
  2,
)}\n`;

const designer = designerSession({ open: { name: "current.asl.json", text: CURRENT } });

const diffOf = (id: string) => designer.page.locator(`[data-testid="node:${id}"]`).getAttribute("data-diff");

describe("version diff", () => {
  it("colours added and changed states, lists removed ones and shows the JSON diff", async () => {
    const { page } = designer;
    await page.click('[data-testid="compare"]');
    await page.fill('[data-testid="compare-text"]', OTHER);
    await page.click('[data-testid="compare-pasted"]');
    await page.locator('[data-testid="diff-panel"]').waitFor();
    expect(await diffOf("New")).toBe("added");
    expect(await diffOf("A")).toBe("changed");
    expect(await diffOf("B")).toBe("changed");
    expect(await page.locator('[data-testid="diff-summary"]').textContent()).toBe(
      "1 added, 2 changed, 1 removed: Gone",
    );
    const squash = (lines: string[]): string[] => lines.map((line) => line.replace(/\s+/g, " ").trim());
    const removed = squash(await page.locator('.diff-line[data-kind="del"]').allTextContents());
    const added = squash(await page.locator('.diff-line[data-kind="add"]').allTextContents());
    expect(removed).toEqual(['- "Next": "Gone"', '- "Gone": {']);
    expect(added).toEqual(['+ "Result": 1,', '+ "Next": "New"', '+ "New": {']);
  });

  it("compares with the saved version after an edit, and clears the colours when closed", async () => {
    const { page } = designer;
    await page.click('[data-testid="close-diff"]');
    expect(await diffOf("New")).toBeNull();
    await page.locator('[data-testid="node:B"]').click();
    await page.fill('[data-testid="field:Comment"]', "edited");
    await page.press('[data-testid="field:Comment"]', "Enter");
    await waitForLayout(page);
    await page.click('[data-testid="compare"]');
    await page.click('[data-testid="compare-saved"]');
    await page.locator('[data-testid="diff-panel"]').waitFor();
    expect(await diffOf("B")).toBe("changed");
    expect(await diffOf("A")).toBeNull();
    expect(await page.locator('[data-testid="diff-summary"]').textContent()).toBe(
      "0 added, 1 changed, 0 removed",
    );
    expect(designer.errors).toEqual([]);
  });
});
