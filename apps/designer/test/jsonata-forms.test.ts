import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { designerSession } from "./support/designer-session.ts";
import { commitField, downloadText, waitForLayout } from "./support/open-designer.ts";

const ORIGINAL = `${JSON.stringify(
  {
    StartAt: "Charge",
    States: {
      Charge: {
        Type: "Task",
        Resource: "arn:aws:lambda:us-east-1:123456789012:function:charge",
        InputPath: "$.order",
        Parameters: { "amount.$": "$.total", currency: "EUR" },
        ResultSelector: { "id.$": "$.Payload.id" },
        ResultPath: "$.payment",
        Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
        Next: "Route",
      },
      Route: {
        Type: "Choice",
        QueryLanguage: "JSONata",
        Choices: [{ Condition: "{% $states.input.payment.id != null %}", Next: "Done" }],
        Default: "Filter",
      },
      Filter: { Type: "Pass", Parameters: { "cheap.$": "$.items[?(@.price < 5)]" }, Next: "Done" },
      Done: { Type: "Succeed" },
      Failed: { Type: "Fail", QueryLanguage: "JSONata", Error: "PaymentFailed" },
    },
  },
  null,
  2,
)}\n`;

const designer = designerSession({ open: { name: "jsonata.asl.json", text: ORIGINAL } });

const form = (page: Page) => page.locator('[data-testid="state-form"]');
const problemRows = (page: Page) => page.locator('[data-testid="problem-row"]').count();

describe("JSONata forms", () => {
  it("edits a JSONata Choice's Condition, checking its syntax with the jsonata parser", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Route"]').click();
    expect(await form(page).getAttribute("data-query-language")).toBe("JSONata");
    expect(await page.locator('[data-testid="field:InputPath"]').count()).toBe(0);
    expect(await page.locator('[data-testid="convert-jsonata"]').count()).toBe(0);
    await page.fill('[data-testid="field:Choices.0.Condition"]', "{% $states.input.payment.id = %}");
    await page
      .locator('[data-testid="field:Choices.0.Condition:problem"]', { hasText: "does not compile" })
      .waitFor();
    await page.press('[data-testid="field:Choices.0.Condition"]', "Enter");
    await page.locator('[data-testid="status"]', { hasText: "Not changed" }).waitFor();
    expect(await downloadText(page)).toBe(ORIGINAL);

    await commitField(page, "field:Choices.0.Condition", "{% $exists($states.input.payment.id) %}");
    expect(await downloadText(page)).toBe(
      ORIGINAL.replace("$states.input.payment.id != null", "$exists($states.input.payment.id)"),
    );
    await commitField(page, "field:Output", '{"paid": "{% $states.input.payment %}"}');
    const route = (
      JSON.parse(await downloadText(page)) as { States: Record<string, Record<string, unknown>> }
    ).States["Route"];
    expect(route?.["Output"]).toEqual({ paid: "{% $states.input.payment %}" });
    await page.click('[data-testid="undo"]');
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);

    await page.click('[data-testid="add-choice-rule"]');
    await waitForLayout(page);
    await page.selectOption('[data-testid="field:Choices.1.Next"]', "Filter");
    await waitForLayout(page);
    const added = (JSON.parse(await downloadText(page)) as { States: Record<string, { Choices: unknown[] }> })
      .States["Route"];
    expect(added?.Choices[1]).toEqual({ Condition: "{% true %}", Next: "Filter" });
    await page.locator('[data-testid="edge:Route->Filter"][data-kind="choice"]').waitFor();
    await page.click('[data-testid="remove-choice-rule:1"]');
    await waitForLayout(page);
    await page.click('[data-testid="undo"]');
    await page.click('[data-testid="undo"]');
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("converts a JSONPath Task to JSONata in one undo step, and the form follows", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Charge"]').click();
    expect(await form(page).getAttribute("data-query-language")).toBe("JSONPath");
    expect(await page.locator('[data-testid="field:Parameters"]').inputValue()).toBe(
      '{"amount.$":"$.total","currency":"EUR"}',
    );
    await page.click('[data-testid="convert-jsonata"]');
    await waitForLayout(page);
    const text = await downloadText(page);
    const charge = (JSON.parse(text) as { States: Record<string, Record<string, unknown>> }).States["Charge"];
    expect(charge).toEqual({
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:charge",
      Arguments: { amount: "{% $states.input.order.total %}", currency: "EUR" },
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Failed" }],
      Next: "Route",
      Output: '{% $merge([$states.input, {"payment": {"id": $states.result.Payload.id}}]) %}',
      QueryLanguage: "JSONata",
    });
    // Only the Charge state's lines changed.
    expect(text.slice(text.indexOf('"Route": {'))).toBe(ORIGINAL.slice(ORIGINAL.indexOf('"Route": {')));
    expect(await form(page).getAttribute("data-query-language")).toBe("JSONata");
    expect(await page.locator('[data-testid="field:Arguments"]').count()).toBe(1);
    expect(await page.locator('[data-testid="field:Parameters"]').count()).toBe(0);
    expect(await problemRows(page)).toBe(0);

    await page.fill('[data-testid="field:Output"]', "{% $merge([$states.input %}");
    await page.locator('[data-testid="field:Output:problem"]').waitFor();
    await page.press('[data-testid="field:Output"]', "Escape");

    await page.click('[data-testid="undo"]');
    await waitForLayout(page);
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("keeps a JSONata Fail's Error a text field whose expression is checked", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Failed"]').click();
    expect(await page.locator('[data-testid="field:Error"]').inputValue()).toBe("PaymentFailed");
    await page.fill('[data-testid="field:Error"]', "{% 'Pay' & %}");
    await page.locator('[data-testid="field:Error:problem"]', { hasText: "does not compile" }).waitFor();
    await commitField(page, "field:Error", "{% 'Payment' & 'Failed' %}");
    expect(await downloadText(page)).toBe(
      ORIGINAL.replace('"PaymentFailed"', `"{% 'Payment' & 'Failed' %}"`),
    );
    await commitField(page, "field:Error", "CardDeclined");
    expect(await downloadText(page)).toBe(ORIGINAL.replace('"PaymentFailed"', '"CardDeclined"'));
    await page.click('[data-testid="undo"]');
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("refuses to convert what has no faithful JSONata equivalent, saying why", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Filter"]').click();
    await page.click('[data-testid="convert-jsonata"]');
    await page.locator('[data-testid="status"]', { hasText: "cannot convert Filter to JSONata" }).waitFor();
    expect(await page.locator('[data-testid="status"]').textContent()).toMatch(/filter/);
    expect(await downloadText(page)).toBe(ORIGINAL);
    expect(designer.errors).toEqual([]);
  });
});
