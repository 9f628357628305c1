import { expect, it } from "vitest";
import { downloadText, typeWholeText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

const VALID = `{
  "StartAt": "Greet",
  "States": {
    "Greet": {
      "Type": "Pass",
      "Next": "Wait"
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 1,
      "Next": "Done"
    },
    "Done": {
      "Type": "Succeed"
    }
  }
}
`;

const designer = designerSession({ open: { name: "greet.asl.json", text: VALID } });

it("shows a typed mistake as a node badge, a Problems row and a gutter marker", async () => {
  const { page } = designer;
  expect(await page.locator('[data-testid="problem-row"]').count()).toBe(0);
  await typeWholeText(page, VALID.replace('"Next": "Done"', '"Next": "Dnoe"'));
  const rows = page.locator('[data-testid="problem-row"]');
  await rows.first().waitFor();
  // Done is now unreachable: the validator says so too.
  expect(await rows.allTextContents()).toEqual([
    'line 11States.Wait.Nextstate "Dnoe" does not exist',
    'line 13States.Donestate "Done" is not reachable from "Greet"; transition to it from another state or remove it',
  ]);
  const row = rows.first();
  expect(await row.getAttribute("data-state")).toBe("Wait");
  const badge = page.locator('[data-testid="node:Wait"] [data-testid="problem-badge"]');
  expect(await badge.textContent()).toBe("1");
  expect(await page.locator('.react-flow__node[data-id="Wait"]').getAttribute("aria-label")).toBe(
    "Wait, Wait, 1 problem",
  );
  expect(await page.locator('[data-testid="node:Greet"] [data-testid="problem-badge"]').count()).toBe(0);
  expect(await page.locator('[data-testid="node:Done"] [data-testid="problem-badge"]').textContent()).toBe(
    "1",
  );
  expect(await page.locator(".cm-lint-marker-error").count()).toBe(2);

  await page.locator('[data-testid="node:Greet"]').click();
  expect(await page.locator(".state-node.selected").getAttribute("data-testid")).toBe("node:Greet");
  await row.click();
  expect(await page.locator(".state-node.selected").getAttribute("data-testid")).toBe("node:Wait");
  // The row also selects the offending text in the JSON pane.
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('"Next": "Dnoe"');
});

it("opens invalid JSON: the error at its line, the last valid graph under a stale banner", async () => {
  const { page } = designer;
  await typeWholeText(page, VALID);
  // Validation runs deferred after typing, so the previous rows (there may be several) go a moment later.
  await page.waitForFunction(() => document.querySelector('[data-testid="problem-row"]') === null);
  const broken = VALID.replace('"Seconds": 1,', '"Seconds": 1');
  await typeWholeText(page, broken);
  await page.locator('[data-testid="stale-banner"]').waitFor();
  expect(await page.locator('[data-testid="stale-banner"]').textContent()).toContain("(line 11)");
  const row = page.locator('[data-testid="problem-row"]');
  expect(await row.count()).toBe(1);
  expect(await row.textContent()).toMatch(
    /^line 11\(definition\)the definition is not valid JSON: .*line 11/,
  );
  // The last valid graph stays.
  for (const id of ["Greet", "Wait", "Done"])
    expect(await page.locator(`[data-testid="node:${id}"]`).count()).toBe(1);
  const marker = page.locator(".cm-gutter-lint .cm-gutterElement:has(.cm-lint-marker-error)");
  expect(await marker.count()).toBe(1);
  const markerLine = await page.evaluate(() => {
    const marker = document
      .querySelector(".cm-lint-marker-error")
      ?.closest(".cm-gutterElement")
      ?.getBoundingClientRect();
    const line = [...document.querySelectorAll(".cm-lineNumbers .cm-gutterElement")].find(
      (el) => Math.abs(el.getBoundingClientRect().top - (marker?.top ?? -1)) < 2,
    );
    return line?.textContent;
  });
  expect(markerLine).toBe("11");
  // Invalid text still saves as typed.
  expect(await downloadText(page)).toBe(broken);

  await typeWholeText(page, VALID.replace('"Greet"', '"Hello"').replace('"Greet"', '"Hello"'));
  await page.locator('[data-testid="stale-banner"]').waitFor({ state: "detached" });
  await waitForLayout(page);
  expect(await page.locator('[data-testid="node:Hello"]').count()).toBe(1);
  expect(await page.locator('[data-testid="node:Greet"]').count()).toBe(0);
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
