import { describe, expect, it } from "vitest";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const one = (state: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...top,
  StartAt: "S",
  States: { S: state },
});
const lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";

describe("fields per state type and query language", () => {
  it.each([
    [
      "a state without Type",
      one({ End: true }),
      [
        'States.S: needs "Type": one of "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"',
      ],
    ],
    [
      "an unknown Type",
      one({ Type: "Pas", End: true }),
      [
        'States.S.Type: must be one of "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"; got "Pas"',
      ],
    ],
    [
      "an unknown field",
      one({ Type: "Pass", Nxt: "S", End: true }),
      ['States.S.Nxt: unknown field "Nxt"; remove it'],
    ],
    [
      "a field in the wrong case",
      one({ Type: "Pass", next: "S", End: true }),
      ['States.S.next: unknown field "next"; did you mean "Next"?'],
    ],
    [
      "a field of another state type",
      one({ Type: "Pass", Resource: lambda, End: true }),
      ['States.S.Resource: "Resource" is not a field of a Pass state (only of Task); remove it'],
    ],
    [
      "a state Comment that is not a string",
      one({ Type: "Pass", Comment: [], End: true }),
      ["States.S.Comment: must be a string; got an empty array"],
    ],
    [
      "Parameters in a JSONata Task",
      one({ Type: "Task", QueryLanguage: "JSONata", Resource: lambda, Parameters: {}, End: true }),
      ['States.S.Parameters: "Parameters" is not allowed in a JSONata state; use "Arguments" instead'],
    ],
    [
      "Parameters in a JSONata Pass",
      one({ Type: "Pass", QueryLanguage: "JSONata", Parameters: {}, End: true }),
      ['States.S.Parameters: "Parameters" is not allowed in a JSONata state; use "Output" instead'],
    ],
    [
      "InputPath in a JSONata state",
      one({ Type: "Pass", InputPath: "$.a", End: true }, { QueryLanguage: "JSONata" }),
      [
        'States.S.InputPath: "InputPath" is not allowed in a JSONata state; read $states.input inside "Arguments" or "Output" instead',
      ],
    ],
    [
      "ResultSelector in a JSONata state",
      one({ Type: "Task", Resource: lambda, ResultSelector: {}, End: true }, { QueryLanguage: "JSONata" }),
      [
        'States.S.ResultSelector: "ResultSelector" is not allowed in a JSONata state; use "Output" (with $states.result) instead',
      ],
    ],
    [
      "ResultPath in a JSONata state",
      one({ Type: "Pass", ResultPath: "$.r", End: true }, { QueryLanguage: "JSONata" }),
      [
        'States.S.ResultPath: "ResultPath" is not allowed in a JSONata state; use "Output" or "Assign" instead',
      ],
    ],
    [
      "OutputPath in a JSONata state",
      one({ Type: "Succeed", OutputPath: "$.r" }, { QueryLanguage: "JSONata" }),
      ['States.S.OutputPath: "OutputPath" is not allowed in a JSONata state; use "Output" instead'],
    ],
    [
      "TimeoutSecondsPath in a JSONata state",
      one(
        { Type: "Task", Resource: lambda, TimeoutSecondsPath: "$.t", End: true },
        { QueryLanguage: "JSONata" },
      ),
      [
        'States.S.TimeoutSecondsPath: "TimeoutSecondsPath" is not allowed in a JSONata state; use "TimeoutSeconds" with a {% %} expression instead',
      ],
    ],
    [
      "Arguments in a JSONPath Task",
      one({ Type: "Task", Resource: lambda, Arguments: {}, End: true }),
      [
        'States.S.Arguments: "Arguments" is only allowed in JSONata states; use "Parameters", or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "Output in a JSONPath Task",
      one({ Type: "Task", Resource: lambda, Output: {}, End: true }),
      [
        'States.S.Output: "Output" is only allowed in JSONata states; use "OutputPath" or "ResultSelector", or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "Output in a JSONPath Pass",
      one({ Type: "Pass", Output: 1, End: true }),
      [
        'States.S.Output: "Output" is only allowed in JSONata states; use "Result" or "Parameters", or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "Items in a JSONPath Map",
      one({
        Type: "Map",
        Items: [],
        ItemProcessor: { StartAt: "I", States: { I: { Type: "Succeed" } } },
        End: true,
      }),
      [
        'States.S.Items: "Items" is only allowed in JSONata states; use "ItemsPath", or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "a JSONPath state in a JSONata machine",
      one({ Type: "Pass", QueryLanguage: "JSONPath", End: true }, { QueryLanguage: "JSONata" }),
      [
        'States.S.QueryLanguage: cannot be "JSONPath" when the machine\'s top-level "QueryLanguage" is "JSONata"; write this state in JSONata, or make the machine JSONPath and set "QueryLanguage": "JSONata" on its JSONata states',
      ],
    ],
    [
      "an unknown state QueryLanguage",
      one({ Type: "Pass", QueryLanguage: "jsonata", End: true }),
      ['States.S.QueryLanguage: must be "JSONPath" or "JSONata"; got "jsonata"'],
    ],
    [
      "Assign in a Succeed state",
      one({ Type: "Succeed", Assign: {} }),
      [
        'States.S.Assign: "Assign" is not a field of a Succeed state (only of Pass, Task, Map, Parallel, Choice, Wait); remove it',
      ],
    ],
    [
      "InputPath in a Fail state",
      one({ Type: "Fail", InputPath: "$" }),
      [
        'States.S.InputPath: "InputPath" is not a field of a Fail state (only of Pass, Task, Choice, Wait, Succeed, Parallel, Map); remove it',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("accepts a JSONata state in a JSONPath machine and Assign in both languages", () => {
    expect(
      problems({
        StartAt: "A",
        States: {
          A: { Type: "Pass", Assign: { x: 1, "y.$": "$.a" }, Next: "B" },
          B: {
            Type: "Pass",
            QueryLanguage: "JSONata",
            Assign: { z: "{% $x + 1 %}" },
            Output: "{% $z %}",
            End: true,
          },
        },
      }),
    ).toEqual([]);
  });
});

describe("Next and End", () => {
  it.each([
    [
      "neither Next nor End",
      one({ Type: "Pass" }),
      ['States.S: needs "Next" (the name of the state to run next) or "End": true'],
    ],
    [
      "End false without Next",
      one({ Type: "Wait", Seconds: 1, End: false }),
      ['States.S: needs "Next" (the name of the state to run next) or "End": true'],
    ],
    [
      "both Next and End",
      one({ Type: "Pass", Next: "S", End: true }),
      ['States.S: cannot have both "Next" and "End": true; keep one'],
    ],
    [
      "a Next that is not a string",
      one({ Type: "Pass", Next: 1 }),
      ["States.S.Next: must be the name of a state (a string); got 1"],
    ],
    [
      "an End that is not a boolean",
      one({ Type: "Pass", End: "true" }),
      [
        'States.S.End: must be true or false; got "true"',
        'States.S: needs "Next" (the name of the state to run next) or "End": true',
      ],
    ],
    [
      "Next on a Choice state",
      one({ Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "S" }], Next: "S" }),
      [
        'States.S.Next: a Choice state cannot have "Next"; give each rule in "Choices" a "Next" and use "Default" for the fallback',
      ],
    ],
    [
      "End on a Succeed state",
      one({ Type: "Succeed", End: true }),
      ['States.S.End: a Succeed state ends its machine and cannot have "End"; remove it'],
    ],
    [
      "Next on a Fail state",
      { StartAt: "S", States: { S: { Type: "Fail", Next: "T" }, T: { Type: "Succeed" } } },
      [
        'States.S.Next: a Fail state ends its machine and cannot have "Next"; remove it',
        'States.T: state "T" is not reachable from "S"; transition to it from another state or remove it',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });
});

describe("data-flow fields", () => {
  it.each([
    [
      "a bad InputPath",
      one({ Type: "Pass", InputPath: "$.a[", End: true }),
      [
        "States.S.InputPath: Invalid JSONPath '$.a[': expected an index, a name, '*' or '?' but found the end (at position 4)",
      ],
    ],
    [
      "an OutputPath that is not a string",
      one({ Type: "Pass", OutputPath: 1, End: true }),
      ['States.S.OutputPath: must be a JSONPath string such as "$.field" or null; got 1'],
    ],
    [
      "a ResultPath with a wildcard",
      one({ Type: "Pass", ResultPath: "$.a[*]", End: true }),
      [
        "States.S.ResultPath: Invalid JSONPath '$.a[*]': a Reference Path must select a single value (no '*', '..', ',', ':', '?' or functions) (at position 0)",
      ],
    ],
    [
      "a ResultPath into the Context object",
      one({ Type: "Pass", ResultPath: "$$.Execution", End: true }),
      [
        'States.S.ResultPath: must start with "$" (the state input); a result cannot be written to the Context object or a variable',
      ],
    ],
    [
      "Parameters that are not an object",
      one({ Type: "Pass", Parameters: "x", End: true }),
      [
        'States.S.Parameters: must be an object (a payload template; keys ending in ".$" take a path); got "x"',
      ],
    ],
    [
      "a bad path in Parameters",
      one({ Type: "Pass", Parameters: { "x.$": "$$.[" }, End: true }),
      [
        "States.S.Parameters.x.$: Invalid JSONPath '$$.[': expected a property name but found '[' (at position 3)",
      ],
    ],
    [
      "Arguments that are neither object nor expression",
      one({ Type: "Task", QueryLanguage: "JSONata", Resource: lambda, Arguments: 3, End: true }),
      ["States.S.Arguments: must be an object or a {% %} JSONata expression; got 3"],
    ],
    [
      "Assign that is not an object",
      one({ Type: "Pass", Assign: [], End: true }),
      ["States.S.Assign: must be an object mapping variable names to values; got an empty array"],
    ],
    [
      "a bad variable name",
      one({ Type: "Pass", Assign: { "1x": 1 }, End: true }),
      [
        'States.S.Assign.1x: "1x" is not a valid variable name; use letters, digits and "_", not starting with a digit',
      ],
    ],
    [
      "the reserved variable states",
      one({ Type: "Pass", Assign: { "states.$": "$" }, End: true }),
      ['States.S.Assign["states.$"]: "states" is reserved by Step Functions; choose another variable name'],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });
});
