import { describe, expect, it } from "vitest";
import { formatProblem } from "../problem.ts";
import { validateDefinition } from "../validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const choice = (fields: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...top,
  StartAt: "C",
  States: { C: { Type: "Choice", Default: "Done", ...fields }, Done: { Type: "Succeed" } },
});

describe("Choice", () => {
  it.each([
    [
      "no Choices",
      choice({}),
      ['States.C: a Choice state needs "Choices": a non-empty array of rules, each with a "Next"'],
    ],
    [
      "empty Choices",
      choice({ Choices: [] }),
      ['States.C.Choices: must be a non-empty array of Choice rules, each with a "Next"; got an empty array'],
    ],
    [
      "a rule that is not an object",
      choice({ Choices: ["x"] }),
      ['States.C.Choices[0]: must be a Choice rule object with "Next"; got "x"'],
    ],
    [
      "a Default that is not a string",
      choice({ Choices: [{ Variable: "$.a", IsPresent: true, Next: "Done" }], Default: 1 }),
      ["States.C.Default: must be the name of a state (a string); got 1"],
    ],
    [
      "a JSONPath rule with a wrong operand",
      choice({ Choices: [{ Variable: "$.a", StringEquals: 1, Next: "Done" }] }),
      ["States.C.Choices[0].StringEquals: StringEquals must be a string."],
    ],
    [
      "a JSONPath rule without Next",
      choice({ Choices: [{ Variable: "$.a", IsPresent: true }] }),
      ["States.C.Choices[0]: A top-level Choice rule needs a Next field naming the state to go to."],
    ],
    [
      "Condition in a JSONPath rule",
      choice({ Choices: [{ Variable: "$.a", IsPresent: true, Condition: true, Next: "Done" }] }),
      [
        'States.C.Choices[0].Condition: "Condition" is only allowed in rules of JSONata Choice states; write a JSONPath rule ("Variable" with an operator such as "StringEquals"), or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "a JSONata rule without Condition",
      choice({ Choices: [{ Next: "Done" }] }, { QueryLanguage: "JSONata" }),
      [
        'States.C.Choices[0]: a JSONata Choice rule needs "Condition": a {% %} expression that yields true or false',
      ],
    ],
    [
      "a JSONata rule with Variable",
      choice({ Choices: [{ Variable: "$.a", Condition: true, Next: "Done" }] }, { QueryLanguage: "JSONata" }),
      [
        'States.C.Choices[0].Variable: "Variable" is not allowed in a rule of a JSONata Choice state; express the test in "Condition", such as "{% $states.input.count > 1 %}"',
      ],
    ],
    [
      "a JSONata Condition that is a plain string",
      choice({ Choices: [{ Condition: "$.a", Next: "Done" }] }, { QueryLanguage: "JSONata" }),
      ['States.C.Choices[0].Condition: must be a {% %} JSONata expression or a boolean; got "$.a"'],
    ],
    [
      "a JSONata Condition that does not compile",
      choice({ Choices: [{ Condition: "{% $x = %}", Next: "Done" }] }, { QueryLanguage: "JSONata" }),
      [
        "States.C.Choices[0].Condition: JSONata expression does not compile: Unexpected end of expression (S0207 at character 6); fix the expression between {% and %}",
      ],
    ],
    [
      "a JSONata rule without Next",
      choice({ Choices: [{ Condition: true }] }, { QueryLanguage: "JSONata" }),
      ['States.C.Choices[0]: a Choice rule needs "Next": the state to go to when the rule matches'],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("accepts rules with Assign in both languages", () => {
    expect(
      problems(
        choice({ Choices: [{ Variable: "$.a", IsPresent: true, Next: "Done", Assign: { "x.$": "$.a" } }] }),
      ),
    ).toEqual([]);
    expect(
      problems(
        choice(
          {
            Choices: [
              { Condition: "{% $states.input.a %}", Next: "Done", Assign: { x: 1 }, Output: "{% 1 %}" },
            ],
          },
          { QueryLanguage: "JSONata" },
        ),
      ),
    ).toEqual([]);
  });
});

describe("Parallel", () => {
  const parallel = (branches: unknown) => ({
    StartAt: "P",
    States: { P: { Type: "Parallel", End: true, Branches: branches } },
  });
  it.each([
    [
      "no Branches",
      { StartAt: "P", States: { P: { Type: "Parallel", End: true } } },
      [
        'States.P: a Parallel state needs "Branches": a non-empty array of state machines, each with "StartAt" and "States"',
      ],
    ],
    [
      "empty Branches",
      parallel([]),
      [
        'States.P.Branches: must be a non-empty array of state machines, each with "StartAt" and "States"; got an empty array',
      ],
    ],
    [
      "a branch that is not an object",
      parallel([1]),
      [
        'States.P.Branches[0]: a nested state machine must be a JSON object with "StartAt" and "States"; got 1',
      ],
    ],
    [
      "a branch without StartAt",
      parallel([{ States: { A: { Type: "Succeed" } } }]),
      ['States.P.Branches[0]: needs "StartAt": the name of the first state to run'],
    ],
    [
      "an unknown branch field",
      parallel([{ StartAt: "A", States: { A: { Type: "Succeed" } }, TimeoutSeconds: 5 }]),
      [
        'States.P.Branches[0].TimeoutSeconds: unknown Branch field "TimeoutSeconds"; allowed: Comment, StartAt, States',
      ],
    ],
    [
      "a problem deep in a branch",
      parallel([{ StartAt: "A", States: { A: { Type: "Wait", Next: "B" }, B: { Type: "Succeed" } } }]),
      [
        'States.P.Branches[0].States.A: a Wait state needs exactly one of "Seconds", "Timestamp", "SecondsPath", "TimestampPath"',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("validates branches in the Parallel state's query language", () => {
    const definition = {
      StartAt: "P",
      States: {
        P: {
          Type: "Parallel",
          QueryLanguage: "JSONata",
          End: true,
          Branches: [{ StartAt: "A", States: { A: { Type: "Pass", Parameters: {}, End: true } } }],
        },
      },
    };
    expect(problems(definition)).toEqual([
      'States.P.Branches[0].States.A.Parameters: "Parameters" is not allowed in a JSONata state; use "Output" instead',
    ]);
  });
});
