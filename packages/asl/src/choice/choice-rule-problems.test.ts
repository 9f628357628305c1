import { describe, expect, it } from "vitest";
import { choiceRuleProblems } from "./choice-rule-problems.ts";
import { compileChoiceRule } from "./compile-choice-rule.ts";

const AT = "States.Check.Choices[0]";

function paths(rule: unknown, topLevel = true): string[] {
  return choiceRuleProblems(rule, AT, topLevel).map((problem) => problem.path);
}

describe("choiceRuleProblems: well-formed rules", () => {
  it.each([
    { Variable: "$.a", StringEquals: "x", Next: "N" },
    { Variable: "$.a", StringMatches: "log-*\\*", Next: "N" },
    { Variable: "$.a", NumericLessThanEquals: -1.5, Next: "N" },
    { Variable: "$.a", BooleanEquals: false, Next: "N" },
    { Variable: "$.a", TimestampGreaterThan: "2016-03-14T01:59:00+01:00", Next: "N" },
    { Variable: "$.a", IsPresent: false, Next: "N" },
    { Variable: "$.a[0].b", IsTimestamp: true, Next: "N", Comment: "why" },
    { Variable: "$$.Execution.Input.x", StringEqualsPath: "$.y", Next: "N" },
    { Variable: "$myVar", NumericEqualsPath: "$other", Next: "N", Assign: { seen: true } },
    {
      And: [
        { Variable: "$.a", IsPresent: true },
        { Or: [{ Variable: "$.a", IsNull: true }, { Not: { Variable: "$.a", NumericEquals: 0 } }] },
      ],
      Next: "N",
    },
  ])("accepts %j", (rule) => {
    expect(choiceRuleProblems(rule, AT)).toEqual([]);
    expect(() => compileChoiceRule(rule)).not.toThrow();
  });

  it("accepts a nested rule without Next", () => {
    expect(paths({ Variable: "$.a", IsNull: true }, false)).toEqual([]);
  });
});

describe("choiceRuleProblems: problems and where they are", () => {
  it.each([
    ["not an object", "x", [AT]],
    ["an array", [], [AT]],
    ["empty", { Next: "N" }, [AT]],
    ["missing Next", { Variable: "$.a", IsNull: true }, [AT]],
    ["non-string Next", { Variable: "$.a", IsNull: true, Next: 3 }, [`${AT}.Next`]],
    ["Variable without operator", { Variable: "$.a", Next: "N" }, [AT]],
    ["operator without Variable", { StringEquals: "x", Next: "N" }, [AT]],
    ["two operators", { Variable: "$.a", StringEquals: "x", IsNull: true, Next: "N" }, [AT]],
    ["Variable not a string", { Variable: 1, IsNull: true, Next: "N" }, [`${AT}.Variable`]],
    ["Variable not a path", { Variable: "a.b", IsNull: true, Next: "N" }, [`${AT}.Variable`]],
    ["Variable not a reference path", { Variable: "$.a[*]", IsNull: true, Next: "N" }, [`${AT}.Variable`]],
    ["StringEquals number", { Variable: "$.a", StringEquals: 1, Next: "N" }, [`${AT}.StringEquals`]],
    ["StringMatches null", { Variable: "$.a", StringMatches: null, Next: "N" }, [`${AT}.StringMatches`]],
    ["NumericEquals string", { Variable: "$.a", NumericEquals: "1", Next: "N" }, [`${AT}.NumericEquals`]],
    ["BooleanEquals string", { Variable: "$.a", BooleanEquals: "true", Next: "N" }, [`${AT}.BooleanEquals`]],
    ["IsNull string", { Variable: "$.a", IsNull: "true", Next: "N" }, [`${AT}.IsNull`]],
    ["IsPresent number", { Variable: "$.a", IsPresent: 1, Next: "N" }, [`${AT}.IsPresent`]],
    [
      "TimestampEquals without zone",
      { Variable: "$.a", TimestampEquals: "2016-03-14T01:59:00", Next: "N" },
      [`${AT}.TimestampEquals`],
    ],
    [
      "TimestampLessThan lower-case z",
      { Variable: "$.a", TimestampLessThan: "2016-03-14T01:59:00z", Next: "N" },
      [`${AT}.TimestampLessThan`],
    ],
    ["TimestampEquals number", { Variable: "$.a", TimestampEquals: 0, Next: "N" }, [`${AT}.TimestampEquals`]],
    [
      "Path operand not a string",
      { Variable: "$.a", NumericEqualsPath: 1, Next: "N" },
      [`${AT}.NumericEqualsPath`],
    ],
    [
      "Path operand not a path",
      { Variable: "$.a", StringEqualsPath: "b", Next: "N" },
      [`${AT}.StringEqualsPath`],
    ],
    [
      "StringMatchesPath",
      { Variable: "$.a", StringMatchesPath: "$.b", Next: "N" },
      [`${AT}.StringMatchesPath`, AT],
    ],
    ["unknown field", { Variable: "$.a", IsNull: true, Next: "N", Foo: 1 }, [`${AT}.Foo`]],
    ["JSONata Condition", { Condition: "{% true %}", Next: "N" }, [`${AT}.Condition`, AT]],
    ["Comment not a string", { Variable: "$.a", IsNull: true, Next: "N", Comment: 1 }, [`${AT}.Comment`]],
    ["And with Variable", { And: [{ Variable: "$.a", IsNull: true }], Variable: "$.a", Next: "N" }, [AT]],
    ["And and Or", { And: [], Or: [], Next: "N" }, [AT]],
    ["And empty", { And: [], Next: "N" }, [`${AT}.And`]],
    ["Or not an array", { Or: { Variable: "$.a", IsNull: true }, Next: "N" }, [`${AT}.Or`]],
    ["Not an array", { Not: [{ Variable: "$.a", IsNull: true }], Next: "N" }, [`${AT}.Not`]],
    [
      "nested problems",
      {
        And: [
          { Variable: "$.a", IsNull: true },
          { Variable: "$.a", NumericEquals: "1" },
          { Not: { Variable: "$.a", IsNull: true, Next: "N" } },
          "x",
        ],
        Next: "N",
      },
      [`${AT}.And[1].NumericEquals`, `${AT}.And[2].Not.Next`, `${AT}.And[3]`],
    ],
  ])("%s", (_label, rule, expected) => {
    expect(paths(rule)).toEqual(expected);
  });

  it("forbids Next and Assign in nested rules", () => {
    expect(paths({ Variable: "$.a", IsNull: true, Next: "N", Assign: {} }, false)).toEqual([
      `${AT}.Next`,
      `${AT}.Assign`,
    ]);
  });

  it("says how to fix each problem", () => {
    const [problem] = choiceRuleProblems({ Variable: "$.a", TimestampEquals: "yesterday", Next: "N" }, AT);
    expect(problem?.message).toMatch(/2016-03-14T01:59:00Z/);
    const [two] = choiceRuleProblems({ Variable: "$.a", IsNull: true, IsString: true, Next: "N" }, AT);
    expect(two?.message).toMatch(/IsNull, IsString.*And/);
    const [nested] = choiceRuleProblems({ Variable: "$.a", IsNull: true, Next: "N" }, AT, false);
    expect(nested?.message).toMatch(/only in a top-level Choice rule/);
  });
});
