import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { designerSession } from "./support/designer-session.ts";
import { commitField, downloadText, waitForLayout } from "./support/open-designer.ts";

const ORIGINAL = [
  "{",
  '  "StartAt": "Check",',
  '  "States": {',
  '    "Check": {',
  '      "Type": "Choice",',
  '      "Choices": [',
  "        {",
  '          "Variable": "$.total",',
  '          "NumericGreaterThan": 100,',
  '          "Next": "Big"',
  "        }",
  "      ],",
  '      "Default": "Small"',
  "    },",
  '    "Big": {"Type": "Succeed"},',
  '    "Small": {"Type": "Succeed"}',
  "  }",
  "}",
  "",
].join("\n");

const designer = designerSession({ open: { name: "choice.asl.json", text: ORIGINAL } });

async function select(page: Page, testId: string, value: string): Promise<void> {
  await page.selectOption(`[data-testid="${testId}"]`, value);
  await waitForLayout(page);
}

const problemRows = (page: Page) => page.locator('[data-testid="problem-row"]').count();

describe("Choice rule builder", () => {
  it("edits an operand and the operator in place, one undo step each, and offers every operator", async () => {
    const { page } = designer;
    await page.locator('[data-testid="node:Check"]').click();
    await page.locator('[data-testid="choice-editor"]').waitFor();
    const operators = await page.locator('[data-testid="operator:Choices.0"] option').allTextContents();
    expect(operators).toHaveLength(39);
    for (const name of [
      "StringEquals",
      "NumericGreaterThanPath",
      "IsPresent",
      "IsNull",
      "IsNumeric",
      "IsString",
      "IsBoolean",
      "IsTimestamp",
      "TimestampEquals",
      "StringMatches",
    ])
      expect(operators).toContain(name);

    await commitField(page, "field:Choices.0.NumericGreaterThan", "250");
    const edited = ORIGINAL.replace('"NumericGreaterThan": 100', '"NumericGreaterThan": 250');
    expect(await downloadText(page)).toBe(edited);
    // The JSON pane shows the change on the rule's own line.
    expect(await page.locator(".cm-line").nth(8).textContent()).toBe('          "NumericGreaterThan": 250,');

    await select(page, "operator:Choices.0", "NumericGreaterThanPath");
    const renamed = ORIGINAL.replace('"NumericGreaterThan": 100', '"NumericGreaterThanPath": "$.value"');
    expect(await downloadText(page)).toBe(renamed);
    await commitField(page, "field:Choices.0.NumericGreaterThanPath", "$.limit");
    expect(await downloadText(page)).toBe(renamed.replace('"$.value"', '"$.limit"'));

    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(renamed);
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(edited);
    await page.click('[data-testid="undo"]');
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("checks operands live and refuses a bad one without touching the text", async () => {
    const { page } = designer;
    await page.fill('[data-testid="field:Choices.0.NumericGreaterThan"]', "lots");
    await page
      .locator('[data-testid="field:Choices.0.NumericGreaterThan:problem"]', { hasText: "not a number" })
      .waitFor();
    await page.fill('[data-testid="field:Choices.0.Variable"]', "$.a[");
    await page
      .locator('[data-testid="field:Choices.0.Variable:problem"]', { hasText: "reference path" })
      .waitFor();
    await page.press('[data-testid="field:Choices.0.Variable"]', "Enter");
    await page.locator('[data-testid="status"]', { hasText: "Not changed" }).waitFor();
    await page.press('[data-testid="field:Choices.0.Variable"]', "Escape");
    await page.press('[data-testid="field:Choices.0.NumericGreaterThan"]', "Escape");
    expect(await downloadText(page)).toBe(ORIGINAL);
  });

  it("nests And / Not, sets a type test, and keeps the rule valid and its edge", async () => {
    const { page } = designer;
    await select(page, "rule-kind:Choices.0", "And");
    let text = await downloadText(page);
    let check = (JSON.parse(text) as { States: { Check: { Choices: unknown[] } } }).States.Check;
    expect(check.Choices[0]).toEqual({
      And: [
        { Variable: "$.total", NumericGreaterThan: 100 },
        { Variable: "$.value", StringEquals: "" },
      ],
      Next: "Big",
    });
    expect(text.split("\n").slice(-8)).toEqual(ORIGINAL.split("\n").slice(-8));

    await commitField(page, "field:Choices.0.And.1.Variable", "$.vip");
    await select(page, "operator:Choices.0.And.1", "IsPresent");
    await select(page, "rule-kind:Choices.0.And.1", "Not");
    await select(page, "field:Choices.0.And.1.Not.IsPresent", "false");
    text = await downloadText(page);
    check = (JSON.parse(text) as { States: { Check: { Choices: unknown[] } } }).States.Check;
    expect(check.Choices[0]).toEqual({
      And: [
        { Variable: "$.total", NumericGreaterThan: 100 },
        { Not: { Variable: "$.vip", IsPresent: false } },
      ],
      Next: "Big",
    });
    expect(await problemRows(page)).toBe(0);
    await page.locator('[data-testid="edge:Check->Big"][data-kind="choice"]').waitFor();

    await page.click('[data-testid="add-condition:Choices.0"]');
    await waitForLayout(page);
    await select(page, "operator:Choices.0.And.2", "TimestampLessThan");
    await commitField(page, "field:Choices.0.And.2.Variable", "$.when");
    await page.click('[data-testid="remove-condition:Choices.0.And.2"]');
    await waitForLayout(page);
    const after = JSON.parse(await downloadText(page)) as {
      States: { Check: { Choices: { And: unknown[] }[] } };
    };
    expect(after.States.Check.Choices[0]?.And).toHaveLength(2);
  });

  it("adds a rule on its own lines, points it and the Default elsewhere, and removes it", async () => {
    const { page } = designer;
    const before = await downloadText(page);
    await page.click('[data-testid="add-choice-rule"]');
    await waitForLayout(page);
    await commitField(page, "field:Choices.1.Variable", "$.kind");
    await select(page, "operator:Choices.1", "StringMatches");
    await commitField(page, "field:Choices.1.StringMatches", "gold*");
    await select(page, "field:Choices.1.Next", "Small");
    await select(page, "field:Default", "Big");
    const text = await downloadText(page);
    const check = (JSON.parse(text) as { States: { Check: { Choices: unknown[]; Default: string } } }).States
      .Check;
    expect(check.Choices[1]).toEqual({ Variable: "$.kind", StringMatches: "gold*", Next: "Small" });
    expect(check.Default).toBe("Big");
    expect(text).toContain('        },\n        {\n          "Variable": "$.kind",');
    await page.locator('[data-testid="edge:Check->Small"][data-kind="choice"]').waitFor();
    expect(await problemRows(page)).toBe(0);

    await page.click('[data-testid="remove-choice-rule:1"]');
    await select(page, "field:Default", "Small");
    expect(await downloadText(page)).toBe(before);
    await page.locator('[data-testid="edge:Check->Small"][data-kind="default"]').waitFor();
    expect(designer.errors).toEqual([]);
  });
});
