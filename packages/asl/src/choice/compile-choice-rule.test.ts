import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import type { Json, JsonObject } from "../json.ts";
import { JsonNumber } from "../json-number.ts";
import type { QueryScope, VariableScope } from "../scope.ts";
import { noVariables } from "../scope.ts";
import { compileChoiceRule } from "./compile-choice-rule.ts";

function scopeOf(input: Json, variables: VariableScope = noVariables, context: Json = {}): QueryScope {
  return { input, context, variables };
}

function evaluate(rule: JsonObject, input: Json): boolean {
  return compileChoiceRule(rule)(scopeOf(input));
}

const big = (lexeme: string) => new JsonNumber(lexeme);

const T1 = "2016-03-14T01:59:00Z";
const T1_PLUS_ONE = "2016-03-14T02:59:00+01:00"; // the same instant as T1
const T2 = "2016-03-14T01:59:00.001Z";

// operator, operand, Variable's value, expected. Each row also runs as the *Path variant (operand at $.Value),
// except StringMatches, which has none.
const comparisons: [string, Json, Json, boolean][] = [
  ["StringEquals", "abc", "abc", true],
  ["StringEquals", "abc", "abd", false],
  ["StringEquals", "abc", "ABC", false],
  ["StringEquals", "1", 1, false],
  ["StringEquals", "true", true, false],
  ["StringEquals", "", null, false],
  ["StringLessThan", "b", "a", true],
  ["StringLessThan", "b", "b", false],
  ["StringLessThan", "A", "AB", false],
  ["StringLessThan", "B", "a", false],
  ["StringLessThan", "b", 1, false],
  ["StringGreaterThan", "a", "b", true],
  ["StringGreaterThan", "a", "a", false],
  ["StringGreaterThan", "a", ["b"], false],
  ["StringLessThanEquals", "b", "b", true],
  ["StringLessThanEquals", "b", "c", false],
  ["StringLessThanEquals", "", "", true],
  ["StringGreaterThanEquals", "b", "b", true],
  ["StringGreaterThanEquals", "b", "a", false],
  ["StringGreaterThanEquals", "b", { b: 1 }, false],
  ["StringMatches", "log-*.txt", "log-1.txt", true],
  ["StringMatches", "log-*.txt", "log-1.txt.gz", false],
  ["StringMatches", "*", 5, false],
  ["NumericEquals", 1, 1, true],
  // Lexemes a JavaScript number loses (from JSON text) compare exactly, by decimal value.
  ["NumericEquals", 1, big("1.0"), true],
  ["NumericEquals", big("1e2"), 100, true],
  ["NumericEquals", big("12345678901234567890"), big("12345678901234567891"), false],
  ["NumericEquals", big("12345678901234567890"), big("12345678901234567890.0"), true],
  ["NumericLessThan", big("12345678901234567891"), big("12345678901234567890"), true],
  ["NumericGreaterThan", big("12345678901234567890"), big("12345678901234567891"), true],
  ["NumericGreaterThanEquals", 1, big("-0"), false],
  ["NumericLessThanEquals", big("1.5"), big("1.50"), true],
  ["NumericEquals", 1, 1.0, true],
  ["NumericEquals", 0, -0, true],
  ["NumericEquals", 2.22, 2.22, true],
  ["NumericEquals", 1, 2, false],
  ["NumericEquals", 1, "1", false],
  ["NumericEquals", 0, false, false],
  ["NumericEquals", 0, null, false],
  ["NumericEquals", 0, [0], false],
  ["NumericLessThan", 1, 0, true],
  ["NumericLessThan", 1, 1, false],
  ["NumericLessThan", 1, "0", false],
  ["NumericGreaterThan", 1, 1.5, true],
  ["NumericGreaterThan", 1, 1, false],
  ["NumericGreaterThan", -1, true, false],
  ["NumericLessThanEquals", 1, 1, true],
  ["NumericLessThanEquals", 1, 1.01, false],
  ["NumericGreaterThanEquals", 1, 1, true],
  ["NumericGreaterThanEquals", 1, 0.99, false],
  ["NumericGreaterThanEquals", 1, {}, false],
  ["BooleanEquals", true, true, true],
  ["BooleanEquals", false, false, true],
  ["BooleanEquals", true, false, false],
  ["BooleanEquals", true, "true", false],
  ["BooleanEquals", false, 0, false],
  ["BooleanEquals", false, null, false],
  ["TimestampEquals", T1, T1, true],
  ["TimestampEquals", T1, T1_PLUS_ONE, true],
  ["TimestampEquals", T1, T2, false],
  ["TimestampEquals", T1, "2016-03-14T01:59:00", false],
  ["TimestampEquals", T1, "2016-03-14t01:59:00z", false],
  ["TimestampEquals", T1, 1457920740000, false],
  ["TimestampLessThan", T2, T1, true],
  ["TimestampLessThan", T1, T1_PLUS_ONE, false],
  ["TimestampLessThan", T2, "not a date", false],
  ["TimestampGreaterThan", T1, T2, true],
  ["TimestampGreaterThan", T2, T1, false],
  ["TimestampLessThanEquals", T1, T1_PLUS_ONE, true],
  ["TimestampLessThanEquals", T1, T2, false],
  ["TimestampGreaterThanEquals", T1, T1_PLUS_ONE, true],
  ["TimestampGreaterThanEquals", T2, T1, false],
  ["TimestampGreaterThanEquals", T1, null, false],
];

describe("compileChoiceRule: comparison operators", () => {
  it.each(comparisons)("%s %j on %j is %s", (operator, operand, value, expected) => {
    expect(evaluate({ Variable: "$.Variable", [operator]: operand }, { Variable: value })).toBe(expected);
  });

  it.each(comparisons.filter(([operator]) => operator !== "StringMatches"))(
    "%sPath %j on %j is %s",
    (operator, operand, value, expected) => {
      const rule = { Variable: "$.Variable", [`${operator}Path`]: "$.Value" };
      expect(evaluate(rule, { Variable: value, Value: operand })).toBe(expected);
    },
  );

  it.each([
    ["NumericEqualsPath", 1, "1"],
    ["NumericLessThanPath", 0, null],
    ["StringEqualsPath", "a", ["a"]],
    ["BooleanEqualsPath", true, "true"],
    ["TimestampEqualsPath", T1, "yesterday"],
    ["TimestampLessThanPath", T2, 1],
  ])("%s is false when the operand path holds the wrong type (%j vs %j)", (operator, value, operand) => {
    expect(
      evaluate({ Variable: "$.Variable", [operator]: "$.Value" }, { Variable: value, Value: operand }),
    ).toBe(false);
  });

  it("compares strings by UTF-16 code unit, not by locale", () => {
    expect(evaluate({ Variable: "$.v", StringLessThan: "a" }, { v: "Z" })).toBe(true);
    expect(evaluate({ Variable: "$.v", StringLessThan: "é" }, { v: "z" })).toBe(true);
  });
});

describe("compileChoiceRule: type tests", () => {
  const values: [string, Json][] = [
    ["null", null],
    ["number", 1.5],
    ["zero", 0],
    ["lexeme", big("0.0")],
    ["string", "HelloWorld"],
    ["timestamp", T1],
    ["bare date", "2023-02-24"],
    ["boolean", false],
    ["array", [""]],
    ["object", {}],
  ];
  const truth: Record<string, (label: string) => boolean> = {
    IsNull: (label) => label === "null",
    IsNumeric: (label) => label === "number" || label === "zero" || label === "lexeme",
    IsString: (label) => label === "string" || label === "timestamp" || label === "bare date",
    IsBoolean: (label) => label === "boolean",
    IsTimestamp: (label) => label === "timestamp",
    IsPresent: () => true,
  };
  const rows = Object.entries(truth).flatMap(([operator, isTrue]) =>
    values.flatMap(([label, value]) => [
      [operator, true, label, value, isTrue(label)] as const,
      [operator, false, label, value, !isTrue(label)] as const,
    ]),
  );
  it.each(rows)("%s: %s on %s is %s", (operator, operand, _label, value, expected) => {
    expect(evaluate({ Variable: "$.Variable", [operator]: operand }, { Variable: value })).toBe(expected);
  });

  it("IsPresent looks at whether the path matched, also for $$ and $variables", () => {
    const variables: VariableScope = { get: (name) => (name === "known" ? 0 : undefined) };
    const scope = scopeOf({ a: { b: null } }, variables, { Execution: { Id: "x" } });
    const present = (Variable: string) => compileChoiceRule({ Variable, IsPresent: true })(scope);
    expect(present("$.a.b")).toBe(true);
    expect(present("$.a.c")).toBe(false);
    expect(present("$.a.b.c")).toBe(false);
    expect(present("$$.Execution.Id")).toBe(true);
    expect(present("$$.Execution.Name")).toBe(false);
    expect(present("$known")).toBe(true);
    expect(present("$unknown")).toBe(false);
    expect(compileChoiceRule({ Variable: "$.missing", IsPresent: false })(scope)).toBe(true);
  });
});

describe("compileChoiceRule: a Variable or operand path that matches nothing", () => {
  const failure = (path: string) =>
    new StatesFailure(
      "States.Runtime",
      `Invalid path '${path}': The choice state's condition path references an invalid value.`,
    );

  it.each([
    { Variable: "$.missing", StringEquals: "a" },
    { Variable: "$.missing", StringMatches: "*" },
    { Variable: "$.missing", NumericEquals: 1 },
    { Variable: "$.missing", BooleanEquals: true },
    { Variable: "$.missing", TimestampEquals: T1 },
    { Variable: "$.missing", IsNull: true },
    { Variable: "$.missing", IsNull: false },
    { Variable: "$.missing", IsString: false },
    { Variable: "$.missing", IsTimestamp: false },
    { Variable: "$.missing", NumericEqualsPath: "$.n" },
  ] satisfies JsonObject[])("fails States.Runtime for %j", (rule) => {
    const run = () => evaluate(rule, { n: 1 });
    expect(run).toThrow(StatesFailure);
    expect(run).toThrow(failure("$.missing"));
  });

  it("names the operand path when only the operand is missing", () => {
    expect(() => evaluate({ Variable: "$.n", NumericEqualsPath: "$.limit" }, { n: 1 })).toThrow(
      failure("$.limit"),
    );
  });

  it("fails for unassigned variables and missing context fields", () => {
    expect(() => evaluate({ Variable: "$nothing", IsNull: true }, {})).toThrow(failure("$nothing"));
    expect(() => evaluate({ Variable: "$$.Task.Token", StringEquals: "x" }, {})).toThrow(
      failure("$$.Task.Token"),
    );
  });

  it("fails with the documented error and message", () => {
    try {
      evaluate({ Variable: "$.x", NumericEquals: 1 }, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StatesFailure);
      expect((error as StatesFailure).toFailure()).toEqual({
        error: "States.Runtime",
        cause: "Invalid path '$.x': The choice state's condition path references an invalid value.",
      });
    }
  });
});

describe("compileChoiceRule: And, Or, Not", () => {
  const isA = { Variable: "$.v", StringEquals: "a" };
  const isB = { Variable: "$.v", StringEquals: "b" };
  const big = { Variable: "$.n", NumericGreaterThan: 10 };

  it.each([
    [{ And: [isA, big] }, { v: "a", n: 11 }, true],
    [{ And: [isA, big] }, { v: "a", n: 1 }, false],
    [{ And: [isA] }, { v: "a" }, true],
    [{ Or: [isA, isB] }, { v: "b" }, true],
    [{ Or: [isA, isB] }, { v: "c" }, false],
    [{ Not: isA }, { v: "a" }, false],
    [{ Not: isA }, { v: "b" }, true],
    [{ Not: { Not: isA } }, { v: "a" }, true],
    [{ And: [{ Or: [isA, isB] }, { Not: big }] }, { v: "b", n: 3 }, true],
    [{ And: [{ Or: [isA, isB] }, { Not: big }] }, { v: "b", n: 30 }, false],
  ] satisfies [JsonObject, Json, boolean][])("%j on %j is %s", (rule, input, expected) => {
    expect(evaluate(rule, input)).toBe(expected);
  });

  it("short-circuits, so IsPresent can guard a comparison (the documented pattern)", () => {
    const guarded = {
      And: [
        { Variable: "$.keyThatMightNotExist", IsPresent: true },
        { Variable: "$.keyThatMightNotExist", StringEquals: "foo" },
      ],
    };
    expect(evaluate(guarded, {})).toBe(false);
    expect(evaluate(guarded, { keyThatMightNotExist: "foo" })).toBe(true);
    const either = {
      Or: [
        { Variable: "$.a", IsPresent: false },
        { Variable: "$.a", NumericEquals: 1 },
      ],
    };
    expect(evaluate(either, {})).toBe(true);
  });

  it("propagates a missing path from a nested rule that is reached", () => {
    expect(() => evaluate({ Or: [isA, { Variable: "$.nope", IsNull: true }] }, { v: "z" })).toThrow(
      StatesFailure,
    );
  });
});

describe("compileChoiceRule: compiled once", () => {
  it("reads Variable values from the scope on every call", () => {
    const predicate = compileChoiceRule({ Variable: "$.n", NumericLessThan: 5 });
    expect([1, 5, 4.999, 9].map((n) => predicate(scopeOf({ n })))).toEqual([true, false, true, false]);
  });

  it("rejects a malformed rule at compile time rather than at evaluation", () => {
    expect(() => compileChoiceRule({ Variable: "$.n" })).toThrow(/operator/);
    expect(() => compileChoiceRule({ NumericEquals: 1 })).toThrow(/Variable/);
    expect(() => compileChoiceRule({ And: [] })).toThrow(/non-empty/);
    expect(() => compileChoiceRule({ Variable: "$.a[*]", IsNull: true })).toThrow();
    expect(() => compileChoiceRule({ Variable: "$.t", TimestampEquals: "tomorrow" })).toThrow(/timestamp/);
  });
});
