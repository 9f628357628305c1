import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { downloadText, openText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

// Hand-written style: tabs, CRLF, compact objects, an unknown field; a Parallel to paste into.
const ORIGINAL = [
  "{",
  '\t"StartAt": "Fetch",',
  '\t"States": {',
  '\t\t"Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch", "Next": "Check",',
  '\t\t\t"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "x-owner": "team-a"},',
  '\t\t"Check": {',
  '\t\t\t"Type": "Choice",',
  '\t\t\t"Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Fan"}],',
  '\t\t\t"Default": "Failed"',
  "\t\t},",
  '\t\t"Fan": {"Type": "Parallel", "Next": "Done", "Branches": [',
  '\t\t\t{"StartAt": "Pack", "States": {"Pack": {"Type": "Pass", "End": true}}}',
  "\t\t]},",
  '\t\t"Done": {"Type": "Succeed"},',
  '\t\t"Failed": {"Type": "Fail", "Error": "E"}',
  "\t},",
  '\t"x-editor": {"zoom": 1.5}',
  "}",
  "",
].join("\r\n");

type Definition = { States: Record<string, { Branches?: { States: Record<string, unknown> }[] }> };

const designer = designerSession();

async function status(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="status"]', { hasText: text }).waitFor();
}

/** The text with only new states appended: the last state's line gains a comma, nothing else moves. */
function expectAppendedOnly(after: string, lastStateLine: number): void {
  const before = ORIGINAL.split("\r\n");
  const lines = after.split("\r\n");
  expect(lines.slice(0, lastStateLine)).toEqual(before.slice(0, lastStateLine));
  expect(lines[lastStateLine]).toBe(`${before[lastStateLine]},`);
  expect(lines.slice(-4)).toEqual(before.slice(-4));
}

describe("copy, paste and duplicate", () => {
  it("copies with Ctrl+C and pastes with Ctrl+V under a unique name, as new lines only", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator('[data-testid="node:Check"]').click();
    await page.keyboard.press("Control+C");
    await status(page, "Copied Check");
    expect(await page.locator('[data-testid="paste-state"]').textContent()).toBe("Paste Check");
    await page.keyboard.press("Control+V");
    await status(page, "Pasted Check copy");
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Check copy"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Check copy->Fan"][data-kind="choice"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Check copy->Failed"][data-kind="default"]').count()).toBe(
      1,
    );
    // The paste is selected: a second Ctrl+V pastes again, numbered.
    expect(await page.locator('[data-testid="selection-tools"] .selection-name').textContent()).toBe(
      "Check copy",
    );
    await page.keyboard.press("Control+V");
    await status(page, "Pasted Check copy 2");
    const after = await downloadText(page);
    expectAppendedOnly(after, 14);
    const states = (JSON.parse(after) as Definition).States;
    expect(states["Check copy"]).toEqual(states["Check"]);
    expect(states["Check copy 2"]).toEqual(states["Check"]);
  });

  it("duplicates with Ctrl+D and with the Duplicate button, in one undo step each", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator('[data-testid="node:Fetch"]').click();
    await page.keyboard.press("Control+D");
    await status(page, "Duplicated Fetch copy");
    await waitForLayout(page);
    expect(await page.locator('g[data-testid="edge:Fetch copy->Check"][data-kind="next"]').count()).toBe(1);
    expect(await page.locator('g[data-testid="edge:Fetch copy->Failed"][data-kind="catch"]').count()).toBe(1);

    await page.locator('[data-testid="node:Fan"] .node-header').click();
    await page.click('[data-testid="duplicate-state"]');
    await status(page, "Duplicated Fan copy");
    await waitForLayout(page);
    // Nested states are renamed too: names are unique in the whole machine.
    expect(await page.locator('[data-testid="node:Fan copy/0/Pack copy"]').count()).toBe(1);
    const after = await downloadText(page);
    expectAppendedOnly(after, 14);
    const states = (JSON.parse(after) as Definition).States;
    expect(states["Fetch copy"]).toEqual(states["Fetch"]);
    expect(states["Fan copy"]?.Branches?.[0]?.States).toEqual({ "Pack copy": { Type: "Pass", End: true } });

    await page.click('[data-testid="undo"]');
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Fan copy"]').count()).toBe(0);
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
    await page.click('[data-testid="redo"]');
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Fetch copy"]').count()).toBe(1);
  });

  it("pastes into the selected branch with the Paste button", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator('[data-testid="node:Done"]').click();
    await page.click('[data-testid="copy-state"]');
    await status(page, "Copied Done");
    await page.locator('[data-testid="node:Fan/0"]').click({ position: { x: 8, y: 8 } });
    expect(await page.locator(".palette-target").textContent()).toBe("Adds to Branch 1 of Fan");
    await page.click('[data-testid="paste-state"]');
    await status(page, "Pasted Done copy");
    await waitForLayout(page);
    expect(await page.locator('[data-testid="node:Fan/0/Done copy"]').count()).toBe(1);
    const states = (JSON.parse(await downloadText(page)) as Definition).States;
    expect(Object.keys(states["Fan"]?.Branches?.[0]?.States ?? {})).toEqual(["Pack", "Done copy"]);
  });

  it("leaves Ctrl+C and Ctrl+V in the JSON pane to the text", async () => {
    const { page } = designer;
    await openText(page, "hand.asl.json", ORIGINAL);
    await page.locator('[data-testid="node:Done"]').click();
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+C");
    await page.keyboard.press("Control+D");
    await page.keyboard.press("Control+V");
    expect(await page.locator('[data-testid="status"]').textContent()).toBe("Opened hand.asl.json");
    expect(await page.locator('[data-testid="node:Done copy"]').count()).toBe(0);
  });
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
