import { describe, expect, it } from "vitest";
import { choiceRuleSummary } from "./choice-rule-summary.ts";

describe("choiceRuleSummary", () => {
  it.each([
    [{ Variable: "$.a", StringEquals: "x" }, '$.a == "x"'],
    [{ Variable: "$.a", NumericLessThanEqualsPath: "$.b" }, "$.a <= $.b"],
    [{ Variable: "$.a", BooleanEquals: false }, "$.a == false"],
    [{ Variable: "$.t", TimestampGreaterThan: "2020-01-01T00:00:00Z" }, '$.t > "2020-01-01T00:00:00Z"'],
    [{ Variable: "$.a", StringMatches: "log-*" }, '$.a matches "log-*"'],
    [{ Variable: "$.a", IsNull: false }, "$.a is not null"],
    [{ Variable: "$.a", IsNumeric: true }, "$.a is numeric"],
    [{ Condition: "{% $states.input.n > 3 %}" }, "{% $states.input.n > 3 %}"],
    [
      {
        Or: [
          { Variable: "$.a", IsPresent: false },
          {
            And: [
              { Variable: "$.b", BooleanEquals: true },
              { Variable: "$.c", NumericEquals: 1 },
            ],
          },
        ],
      },
      "$.a is absent || ($.b == true && $.c == 1)",
    ],
  ])("%j → %s", (rule, expected) => {
    expect(choiceRuleSummary(rule)).toBe(expected);
  });

  it("cuts long summaries to 48 characters", () => {
    const summary = choiceRuleSummary({ Variable: "$.a", StringEquals: "x".repeat(100) });
    expect(summary).toBe(`$.a == "${"x".repeat(39)}…`);
    expect(summary).toHaveLength(48);
  });
});
