import { expect, it } from "vitest";
import { designerSession } from "./support/designer-session.ts";
import { FakeApi } from "./support/fake-api.ts";
import { waitForLayout } from "./support/open-designer.ts";

const machine = (states: Record<string, unknown>, startAt = "A") =>
  `${JSON.stringify({ StartAt: startAt, States: states }, null, 2)}\n`;

const V1 = machine({ A: { Type: "Pass", Next: "Old" }, Old: { Type: "Succeed" } });
const V2 = machine({ A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } });
const V3 = machine({ A: { Type: "Pass", Result: 3, Next: "B" }, B: { Type: "Succeed" } });

const api = new FakeApi();
const arn = api.add("history", V3, [V1, V2, V3]);
const designer = designerSession({ api });

const diffOf = (id: string) => designer.page.locator(`[data-testid="node:${id}"]`).getAttribute("data-diff");

it("lists every stored version of the open machine and compares with the one picked", async () => {
  const { page } = designer;
  await page.locator('[data-testid="server-state"]', { hasText: "server connected" }).waitFor();
  await page.selectOption('[data-testid="open-select"]', `server:${arn}`);
  await page.locator('[data-testid="doc-name"]', { hasText: "history" }).waitFor();
  await waitForLayout(page);

  await page.click('[data-testid="compare"]');
  await page.locator('[data-testid="compare-version"]').waitFor();
  const options = page.locator('[data-testid="compare-version"] option');
  expect((await options.allTextContents()).map((text) => text.replace(/ \(.*\)$/, ""))).toEqual([
    "version 3",
    "version 2",
    "version 1",
  ]);
  await page.selectOption('[data-testid="compare-version"]', `${arn}:1`);
  await page.click('[data-testid="compare-version-button"]');
  await page.locator('[data-testid="diff-panel"]', { hasText: "Compared with version 1" }).waitFor();
  expect(await page.locator('[data-testid="diff-summary"]').textContent()).toBe(
    "1 added, 1 changed, 1 removed: Old",
  );
  expect(await diffOf("B")).toBe("added");
  expect(await diffOf("A")).toBe("changed");

  await page.click('[data-testid="close-diff"]');
  await page.click('[data-testid="compare"]');
  await page.selectOption('[data-testid="compare-version"]', `${arn}:2`);
  await page.click('[data-testid="compare-version-button"]');
  await page.locator('[data-testid="diff-panel"]', { hasText: "Compared with version 2" }).waitFor();
  expect(await page.locator('[data-testid="diff-summary"]').textContent()).toBe(
    "0 added, 1 changed, 0 removed",
  );
  expect(await diffOf("B")).toBeNull();
  expect(api.requests.some((r) => r.path.endsWith(encodeURIComponent(`${arn}:2`)))).toBe(true);
  expect(designer.errors).toEqual([]);
});

it("offers no version picker for a definition that is not on the server", async () => {
  const { page } = designer;
  await page.click('[data-testid="close-diff"]');
  await page.selectOption('[data-testid="open-select"]', "sample:identity-confirmation");
  await waitForLayout(page);
  await page.click('[data-testid="compare"]');
  await page.locator('[data-testid="compare-dialog"]').waitFor();
  expect(await page.locator('[data-testid="compare-version"]').count()).toBe(0);
  await page.keyboard.press("Escape");
});
