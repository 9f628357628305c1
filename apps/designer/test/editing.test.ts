import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { downloadText, openText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

// Written the way people write JSON by hand: tabs, CRLF, compact objects, odd key order, unknown fields.
const ORIGINAL = [
  "{",
  '\t"Comment": "hand-written",',
  '\t"States": {',
  '\t\t"Fetch": {"Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch", "Type": "Task", "Next": "Check",',
  '\t\t\t"Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}], "x-owner": "team-a",',
  '\t\t\t"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},',
  '\t\t"Check": {',
  '\t\t\t"Type": "Choice",',
  '\t\t\t"Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],',
  '\t\t\t"Default": "Failed"',
  "\t\t},",
  '\t\t"Done": {"Type": "Succeed"},',
  '\t\t"Failed": {"Type": "Fail", "Error": "E"}',
  "\t},",
  '\t"StartAt": "Fetch",',
  '\t"x-editor": {"zoom": 1.5}',
  "}",
  "",
].join("\r\n");

const designer = designerSession();

const changedLines = (before: string, after: string): number[] => {
  const a = before.split("\r\n");
  return after.split("\r\n").flatMap((line, i) => (line === a[i] ? [] : [i + 1]));
};

async function renameInGraph(page: Page, id: string, name: string): Promise<void> {
  await page.locator(`[data-testid="node:${id}"]`).click();
  await page.click('[data-testid="rename-state"]');
  await page.fill('[data-testid="dialog-input"]', name);
  await page.click('[data-testid="dialog-confirm"]');
  await page.locator('[data-testid="dialog"]').waitFor({ state: "detached" });
  await waitForLayout(page);
}

describe("fidelity", () => {
  it("saves the same bytes it opened", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("renames from the graph, updating every reference and only the lines that hold the name", async () => {
    const { page } = designer;
    await renameInGraph(page, "Failed", "Rejected");
    const after = await downloadText(page);
    expect(after).toBe(ORIGINAL.replaceAll('"Failed"', '"Rejected"'));
    expect(changedLines(ORIGINAL, after)).toEqual([6, 10, 13]);
    expect(await page.locator('[data-testid="node:Rejected"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Fetch->Rejected"][data-kind="catch"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Check->Rejected"][data-kind="default"]').count()).toBe(1);
    expect(await page.locator('[data-testid^="node:Failed"]').count()).toBe(0);
  });

  it("refuses a rename to a name already taken, leaving the text alone", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Done"]').click();
    await page.click('[data-testid="rename-state"]');
    await page.fill('[data-testid="dialog-input"]', "Check");
    await page.click('[data-testid="dialog-confirm"]');
    expect(await page.locator(".dialog-error").textContent()).toContain(
      'a state named "Check" already exists',
    );
    await page.click('[data-testid="dialog-cancel"]');
    expect(await downloadText(page)).toBe(ORIGINAL.replaceAll('"Failed"', '"Rejected"'));
  });
});

describe("undo and redo across graph and text edits", () => {
  it("steps back through a text edit and a graph edit, then forward again", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    // A text edit: type a Comment into the Done state.
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    const typed = ORIGINAL.replace(
      '"Done": {"Type": "Succeed"}',
      '"Done": {"Type": "Succeed", "Comment": "ok"}',
    );
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(typed);
    expect(await downloadText(page)).toBe(typed);
    // A graph edit.
    await renameInGraph(page, "Done", "Finished");
    const renamed = typed.replaceAll('"Done"', '"Finished"');
    expect(await downloadText(page)).toBe(renamed);

    await page.click('[data-testid="undo"]');
    await waitForLayout(page);
    expect(await downloadText(page)).toBe(typed);
    expect(await page.locator('[data-testid="node:Done"]').count()).toBe(1);
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+Z");
    expect(await downloadText(page)).toBe(ORIGINAL);
    expect(await page.isDisabled('[data-testid="undo"]')).toBe(true);

    await page.keyboard.press("Control+Shift+Z");
    await page.click('[data-testid="redo"]');
    await waitForLayout(page);
    expect(await downloadText(page)).toBe(renamed);
    expect(await page.locator('[data-testid="node:Finished"]').count()).toBe(1);
    expect(await page.isDisabled('[data-testid="redo"]')).toBe(true);
  });

  it("keeps at least 50 steps", { timeout: 60_000 }, async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);

    for (let i = 1; i <= 55; i++) {
      await page.click('[data-testid="palette:Pass"]');
    }
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Pass55"]').count()).toBe(1);
    for (let i = 0; i < 55; i++) await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });
});

describe("graph edits", () => {
  it("deletes a state after confirmation, rewiring its predecessors", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator('[data-testid="node:Check"]').click();
    await page.keyboard.press("Delete");
    expect(await page.locator('[data-testid="dialog"]').getAttribute("aria-label")).toBe("Delete Check?");
    await page.click('[data-testid="dialog-cancel"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
    await page.locator('[data-testid="node:Check"]').click();
    await page.click('[data-testid="delete-state"]');
    await page.click('[data-testid="dialog-confirm"]');
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Check"]').count()).toBe(0);
    const after = await downloadText(page);
    expect(after).not.toContain('"Check"');
    // The Choice had no Next, so Fetch's Next is turned into End.
    expect(after).toContain('"Type": "Task", "End": true,');
    expect(after.split("\r\n").length).toBe(ORIGINAL.split("\r\n").length - 5);
  });

  it("adds a state of every type from the palette, each a new node with only new lines", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    for (const type of ["Task", "Pass", "Choice", "Wait", "Parallel", "Map", "Succeed", "Fail"]) {
      await page.click(`[data-testid="palette:${type}"]`);
      await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    }
    await waitForLayout(page);
    for (const id of [
      "Task",
      "Pass",
      "Choice",
      "Wait",
      "Parallel",
      "Parallel/0/BranchStep",
      "Map",
      "Map/ItemStep",
      "Succeed",
      "Fail",
    ]) {
      expect(await page.locator(`[data-testid="node:${id}"]`).count(), id).toBe(1);
    }
    const after = await downloadText(page);
    const before = ORIGINAL.split("\r\n");
    const lines = after.split("\r\n");
    // Everything before the last state's line is untouched; that line only gains a comma.
    expect(lines.slice(0, 12)).toEqual(before.slice(0, 12));
    expect(lines[12]).toBe(`${before[12]},`);
    expect(lines.slice(-5)).toEqual(before.slice(-5));
  });

  it("filters the palette by search", async () => {
    const { page } = designer;
    await page.fill('input[aria-label="Search states"]', "branch");
    expect(await page.locator('[data-testid^="palette:"]').allTextContents()).toEqual(["Choice", "Parallel"]);
    await page.fill('input[aria-label="Search states"]', "");
  });
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
