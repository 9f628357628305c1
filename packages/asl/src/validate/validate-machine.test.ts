import { describe, expect, it } from "vitest";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const pass = { Type: "Pass", End: true };

describe("machine structure", () => {
  it.each([
    [
      "the root is not an object",
      [],
      ['the definition must be a JSON object with "StartAt" and "States"; got an empty array'],
    ],
    [
      "StartAt and States are missing",
      {},
      [
        'the definition needs "StartAt": the name of the first state to run',
        'the definition needs "States": an object mapping state names to states',
      ],
    ],
    [
      "StartAt is not a string",
      { StartAt: 1, States: { A: pass } },
      ["StartAt: must be the name of a state (a string); got 1"],
    ],
    ["StartAt names no state", { StartAt: "B", States: { A: pass } }, ['StartAt: state "B" does not exist']],
    [
      "States is not an object",
      { StartAt: "A", States: [] },
      ["States: must be an object mapping state names to states; got an empty array"],
    ],
    ["States is empty", { StartAt: "A", States: {} }, ["States: must contain at least one state"]],
    [
      "an unknown top-level field",
      { StartAt: "A", States: { A: pass }, Start: 1 },
      [
        'Start: unknown top-level field "Start"; allowed: Comment, StartAt, States, Version, TimeoutSeconds, QueryLanguage',
      ],
    ],
    [
      "Comment is not a string",
      { Comment: 5, StartAt: "A", States: { A: pass } },
      ["Comment: must be a string; got 5"],
    ],
    [
      "Version is not 1.0",
      { Version: "2.0", StartAt: "A", States: { A: pass } },
      ['Version: must be "1.0" (the only ASL version); got "2.0"'],
    ],
    [
      "TimeoutSeconds is not an integer",
      { TimeoutSeconds: 1.5, StartAt: "A", States: { A: pass } },
      ["TimeoutSeconds: must be an integer from 0 to 99999999; got 1.5"],
    ],
    [
      "QueryLanguage is unknown",
      { QueryLanguage: "XPath", StartAt: "A", States: { A: pass } },
      ['QueryLanguage: must be "JSONPath" or "JSONata"; got "XPath"'],
    ],
    [
      "a state name is longer than 80 characters",
      { StartAt: "x".repeat(81), States: { ["x".repeat(81)]: pass } },
      [`States.${"x".repeat(81)}: state name is 81 characters long; use at most 80`],
    ],
    [
      "a state name is empty",
      { StartAt: "", States: { "": pass } },
      ['States[""]: a state name must not be empty'],
    ],
    [
      "a state is not an object",
      { StartAt: "A", States: { A: 3 } },
      [
        'States.A: must be an object with "Type" (one of "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"); got 3',
      ],
    ],
    [
      "a state name with a dot is quoted in paths",
      { StartAt: "a.b", States: { "a.b": { Type: "Pass" } } },
      ['States["a.b"]: needs "Next" (the name of the state to run next) or "End": true'],
    ],
    [
      "a state name is reused inside a branch",
      {
        StartAt: "P",
        States: { P: { Type: "Parallel", End: true, Branches: [{ StartAt: "P", States: { P: pass } }] } },
      },
      [
        'States.P.Branches[0].States.P: state name "P" is already used at States.P; state names must be unique in the whole definition, nested machines included',
      ],
    ],
  ])("reports when %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("accepts a minimal machine and a machine named like Object.prototype members", () => {
    expect(problems({ StartAt: "A", States: { A: pass } })).toEqual([]);
    expect(
      problems({
        StartAt: "constructor",
        States: { constructor: { Type: "Pass", Next: "toString" }, toString: pass },
      }),
    ).toEqual([]);
  });
});

describe("JSON text", () => {
  it.each([
    [
      '{\n  "StartAt": "A",\n  "States": {,}\n}',
      'the definition is not valid JSON: expected a double-quoted property name but found "," at line 3, column 14',
    ],
    [
      '{"a":1,}',
      'the definition is not valid JSON: expected a double-quoted property name but found "}" (remove the trailing comma) at line 1, column 8',
    ],
    [
      "[1,]",
      'the definition is not valid JSON: expected a value (object, array, string, number, true, false or null) but found "]" (remove the trailing comma) at line 1, column 4',
    ],
    [
      '{"a": tru}',
      'the definition is not valid JSON: expected a value (object, array, string, number, true, false or null) but found "t" at line 1, column 7',
    ],
    [
      "",
      "the definition is not valid JSON: expected a value (object, array, string, number, true, false or null) but found the end of the text at line 1, column 1",
    ],
    [
      '{"a": "x',
      'the definition is not valid JSON: unterminated string; add the closing " at line 1, column 9',
    ],
    [
      "{} {}",
      'the definition is not valid JSON: unexpected "{" after the end of the JSON value at line 1, column 4',
    ],
  ])("reports %j with its line and column", (text, expected) => {
    expect(problems(text)).toEqual([expected]);
  });

  it("validates a parsed text like the value", () => {
    expect(problems('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}')).toEqual([
      'States.A.Next: state "B" does not exist',
    ]);
  });
});

describe("limits", () => {
  it("reports a definition over 1 MiB of JSON text", () => {
    const big = { StartAt: "A", States: { A: { Type: "Pass", Result: "x".repeat(1_048_576), End: true } } };
    const bytes = JSON.stringify(big).length;
    expect(bytes).toBeGreaterThan(1_048_576);
    expect(problems(big)).toEqual([
      `the definition is ${bytes} bytes of JSON; Step Functions accepts at most 1048576 (1 MiB); move parts into separate state machines`,
    ]);
    expect(problems(JSON.stringify(big, null, 1))[0]).toMatch(/^the definition is \d+ bytes of JSON/);
  });
  it("reports nesting deeper than 512 levels instead of recursing", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const definition = { StartAt: "A", States: { A: { Type: "Pass", Result: deep, End: true } } };
    expect(problems(definition)).toEqual(["the definition nests deeper than 512 levels; flatten it"]);
    const text = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":${"[".repeat(100_000)}${"]".repeat(100_000)}}}}`;
    expect(problems(text)).toEqual(["the definition nests deeper than 512 levels; flatten it"]);
  });
  it("reports values JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = { StartAt: "A" };
    cyclic.States = cyclic;
    expect(problems(cyclic)[0]).toMatch(
      /^the definition is not plain JSON \(.*\); pass parsed JSON or JSON text$/,
    );
    expect(problems({ StartAt: "A", States: { A: { Type: "Pass", Result: 1n, End: true } } })[0]).toMatch(
      /not plain JSON/,
    );
  });
});
