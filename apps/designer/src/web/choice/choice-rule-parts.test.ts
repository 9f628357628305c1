import { describe, expect, it } from "vitest";
import { comparisonOperator, conditionKind, convertCondition } from "./choice-rule-parts.ts";
import { CHOICE_OPERATORS, operandFor, operandProblem } from "./choice-operators.ts";

const comparison = { Variable: "$.n", NumericGreaterThan: 3 };

describe("Choice rule parts", () => {
  it("lists every comparison operator, literal and Path, and the type tests", () => {
    expect(CHOICE_OPERATORS).toHaveLength(17 + 16 + 6);
    for (const name of [
      "StringMatches",
      "NumericGreaterThanPath",
      "TimestampEqualsPath",
      "IsPresent",
      "IsTimestamp",
    ])
      expect(CHOICE_OPERATORS).toContain(name);
    expect(CHOICE_OPERATORS).not.toContain("StringMatchesPath");
  });

  it("checks operands by operator and keeps the ones that still fit", () => {
    expect(operandProblem("NumericEquals", "3")).toMatch(/number/);
    expect(operandProblem("TimestampLessThan", "yesterday")).toMatch(/timestamp/);
    expect(operandProblem("TimestampLessThan", "2024-01-01T00:00:00Z")).toBeUndefined();
    expect(operandProblem("StringEqualsPath", "$.a[")).toMatch(/reference path/);
    expect(operandProblem("IsNull", true)).toBeUndefined();
    expect(operandFor("StringLessThan", "abc")).toBe("abc");
    expect(operandFor("NumericEquals", "abc")).toBe(0);
    expect(operandFor("IsPresent", 5)).toBe(true);
  });

  it("wraps a top-level comparison in And, keeping Next after it", () => {
    const rule = { ...comparison, Next: "Big" };
    const wrapped = convertCondition(rule, "And");
    expect(wrapped).toEqual({ And: [comparison, { Variable: "$.value", StringEquals: "" }], Next: "Big" });
    expect(Object.keys(wrapped)).toEqual(["And", "Next"]);
    expect(conditionKind(wrapped)).toBe("And");
  });

  it("turns And into Or with the same members, Not around a rule, and back to a comparison", () => {
    const and = { And: [comparison, { Variable: "$.s", IsString: true }], Next: "X" };
    expect(convertCondition(and, "Or")).toEqual({ Or: and.And, Next: "X" });
    expect(convertCondition({ ...comparison }, "Not")).toEqual({ Not: comparison });
    expect(convertCondition({ Not: comparison, Next: "X" }, "comparison")).toEqual({
      ...comparison,
      Next: "X",
    });
    expect(convertCondition(and, "comparison")).toEqual({ ...comparison, Next: "X" });
    expect(comparisonOperator(comparison)).toBe("NumericGreaterThan");
  });
});
