import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { commitField, downloadText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

// Hand-written layout (tabs, compact objects, odd key order) that the form's edits must keep.
const ORIGINAL = [
  "{",
  '\t"StartAt": "Fetch",',
  '\t"States": {',
  '\t\t"Fetch": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fetch", "Next": "Pause",',
  '\t\t\t"Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2}]},',
  '\t\t"Pause": {',
  '\t\t\t"Type": "Wait",',
  '\t\t\t"Seconds": 5,',
  '\t\t\t"Next": "Done"',
  "\t\t},",
  '\t\t"Done": {"Type": "Succeed"},',
  '\t\t"Failed": {"Type": "Fail", "Error": "E"}',
  "\t}",
  "}",
  "",
].join("\n");

const designer = designerSession({ open: { name: "forms.asl.json", text: ORIGINAL } });

const changedLines = (before: string, after: string): number[] => {
  const a = before.split("\n");
  return after.split("\n").flatMap((line, i) => (line === a[i] ? [] : [i + 1]));
};

const focusedNodeId = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset["id"]);

describe("find and keyboard", () => {
  it("Ctrl+K finds a state by part of its name, selects and focuses its node", async () => {
    const { page } = designer;
    await page.locator('[data-testid="graph"]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+k");
    await page.fill('[data-testid="find-input"]', "aus");
    expect(await page.locator('[data-testid^="find-result:"]').count()).toBe(1);
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="find-state"]').waitFor({ state: "detached" });
    await expect.poll(() => focusedNodeId(page)).toBe("Pause");
    expect(await page.locator('[data-testid="node:Pause"].selected').count()).toBe(1);
  });

  it("Tab moves through the nodes and Enter opens the focused state's form", async () => {
    const { page } = designer;
    await page.keyboard.press("Tab");
    const second = await focusedNodeId(page);
    expect(second).toBe("Done");
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="state-form"]', { hasText: "Done" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "field:Comment",
    );
    expect(designer.errors).toEqual([]);
  });
});

describe("state forms", () => {
  it("edits a Task's Resource in place, one line changed, undoable", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Fetch"]').click();
    await commitField(page, "field:Resource", "arn:aws:lambda:us-east-1:123456789012:function:get");
    const after = await downloadText(page);
    expect(after).toBe(ORIGINAL.replace("function:fetch", "function:get"));
    expect(changedLines(ORIGINAL, after)).toEqual([4]);
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("edits a retrier and adds a catcher whose edge appears dashed", async () => {
    const { page } = designer;
    await commitField(page, "field:Retry.0.MaxAttempts", "4");
    await page.click('[data-testid="add-catcher"]');
    await waitForLayout(page);
    const after = await downloadText(page);
    const fetch = (JSON.parse(after) as { States: { Fetch: Record<string, unknown> } }).States.Fetch;
    expect(fetch["Retry"]).toEqual([{ ErrorEquals: ["States.Timeout"], MaxAttempts: 4 }]);
    expect(fetch["Catch"]).toEqual([{ ErrorEquals: ["States.ALL"], Next: "Pause" }]);
    // Line 5 gains the catcher; the lines before and after it keep their bytes.
    const lines = after.split("\n");
    const original = ORIGINAL.split("\n");
    expect(lines.slice(0, 4)).toEqual(original.slice(0, 4));
    expect(lines.slice(-10)).toEqual(original.slice(-10));
    await commitField(page, "field:Catch.0.Next", "Failed");
    await page.locator('g[data-testid="edge:Fetch->Failed"][data-kind="catch"]').waitFor();
  });

  it("switches a Wait from Next to End, sets Seconds and adds an Assign variable", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Pause"]').click();
    await commitField(page, "field:Seconds", "30");
    await page.selectOption('[data-testid="field:Next"]', "");
    await waitForLayout(page);
    await commitField(page, "assign-new", 'count={"n": 1}');
    const pause = (JSON.parse(await downloadText(page)) as { States: { Pause: unknown } }).States.Pause;
    expect(pause).toEqual({ Type: "Wait", Seconds: 30, End: true, Assign: { count: { n: 1 } } });
    expect(await page.locator('g[data-testid="edge:Pause->Done"]').count()).toBe(0);
    await commitField(page, "field:Seconds", "soon");
    expect(await page.locator('[data-testid="status"]').textContent()).toContain("not a number");
    expect(designer.errors).toEqual([]);
  });
});
