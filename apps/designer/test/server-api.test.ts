import { expect, it } from "vitest";
import { FakeApi } from "./support/fake-api.ts";
import { downloadText, waitForLayout } from "./support/open-designer.ts";
import { designerSession } from "./support/designer-session.ts";

// Four-space indentation, a compact state and no final newline: saved back byte for byte.
const STORED =
  '{\n    "StartAt": "Hello",\n    "States": {\n        "Hello": {"Type": "Pass", "End": true}\n    }\n}';

const api = new FakeApi();
const arn = api.add("greeter", STORED);

const designer = designerSession({ api });

it("lists the server's state machines and opens one with its exact text", async () => {
  const { page } = designer;
  await page.locator('[data-testid="server-state"]', { hasText: "server connected" }).waitFor();
  await page.selectOption('[data-testid="open-select"]', `server:${arn}`);
  await page.locator('[data-testid="doc-name"]', { hasText: "greeter" }).waitFor();
  await waitForLayout(page);
  expect(await page.locator('[data-testid="node:Hello"]').count()).toBe(1);
  expect(await downloadText(page)).toBe(STORED);
});

it("saves a new version with the same bytes when nothing changed", async () => {
  const { page } = designer;
  await page.click('[data-testid="save-server"]');
  await page.locator('[data-testid="status"]', { hasText: "Saved" }).waitFor();
  const patch = api.requests.filter((r) => r.method === "PATCH");
  expect(patch).toHaveLength(1);
  expect(patch[0]?.path).toBe(`/v1/state-machines/${encodeURIComponent(arn)}`);
  expect(JSON.parse(patch[0]?.body ?? "")).toEqual({ definition: STORED, publish: true });
});

it("saves an edited sample as a new state machine, confirming first when it has problems", async () => {
  const { page } = designer;
  await page.selectOption('[data-testid="open-select"]', "sample:identity-confirmation");
  await waitForLayout(page);
  await page.locator('[data-testid="node:CheckCode"]').click();
  await page.click('[data-testid="delete-state"]');
  await page.click('[data-testid="dialog-confirm"]');
  await page.locator('[data-testid="problem-row"]').first().waitFor();
  await page.click('[data-testid="save-server"]');
  expect(await page.locator('[data-testid="dialog"]').getAttribute("aria-label")).toBe("Save with problems?");
  await page.click('[data-testid="dialog-confirm"]');
  await page.fill('[data-testid="dialog-input"]', "identity");
  await page.click('[data-testid="dialog-confirm"]');
  await page.locator('[data-testid="status"]', { hasText: "Saved as" }).waitFor();
  const created = api.requests.filter((r) => r.method === "POST");
  expect(created).toHaveLength(1);
  const body = JSON.parse(created[0]?.body ?? "") as { name: string; definition: string };
  expect(body.name).toBe("identity");
  expect(body.definition).toBe(await downloadText(page));
  expect(body.definition).not.toContain('"CheckCode": {');
  expect(
    await page
      .locator('[data-testid="open-select"] optgroup[label="Server"] option', { hasText: /^identity$/ })
      .count(),
  ).toBe(1);
});

it("logged no console errors", () => {
  expect(designer.errors).toEqual([]);
});
