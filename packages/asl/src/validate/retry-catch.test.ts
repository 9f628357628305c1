import { describe, expect, it } from "vitest";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";
const charge = (fields: Record<string, unknown>, language?: string) => ({
  StartAt: "Charge",
  States: {
    Charge: {
      Type: "Task",
      Resource: lambda,
      End: true,
      ...(language === undefined ? {} : { QueryLanguage: language }),
      ...fields,
    },
    Handler: { Type: "Succeed" },
  },
});
const handled = { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler" }] };

describe("Retry", () => {
  it.each([
    [
      "Retry that is not an array",
      { Retry: {} },
      [
        'States.Charge.Retry: must be an array of retriers such as [{"ErrorEquals": ["States.ALL"]}]; got an object',
      ],
    ],
    [
      "a retrier that is not an object",
      { Retry: [1] },
      ['States.Charge.Retry[0]: must be an object with "ErrorEquals"; got 1'],
    ],
    [
      "a retrier without ErrorEquals",
      { Retry: [{}] },
      [
        'States.Charge.Retry[0].ErrorEquals: is required: a non-empty array of error names such as ["States.TaskFailed"]',
      ],
    ],
    [
      "an empty ErrorEquals",
      { Retry: [{ ErrorEquals: [] }] },
      [
        'States.Charge.Retry[0].ErrorEquals: must be a non-empty array of error names such as ["States.TaskFailed"]; got an empty array',
      ],
    ],
    [
      "an error name that is not a string",
      { Retry: [{ ErrorEquals: [""] }] },
      ['States.Charge.Retry[0].ErrorEquals[0]: must be an error name (a non-empty string); got ""'],
    ],
    [
      "States.ALL with other names",
      { Retry: [{ ErrorEquals: ["States.ALL", "States.Timeout"] }] },
      ['States.Charge.Retry[0].ErrorEquals: "States.ALL" must be the last and only entry'],
    ],
    [
      "a States.ALL retrier before another",
      { Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["E"] }] },
      [
        'States.Charge.Retry[0]: a retrier for "States.ALL" must be the last one; move it to the end of "Retry"',
      ],
    ],
    [
      "IntervalSeconds below 1",
      { Retry: [{ ErrorEquals: ["E"], IntervalSeconds: 0 }] },
      ["States.Charge.Retry[0].IntervalSeconds: must be an integer from 1 to 99999999; got 0"],
    ],
    [
      "MaxAttempts negative",
      { Retry: [{ ErrorEquals: ["E"], MaxAttempts: -1 }] },
      ["States.Charge.Retry[0].MaxAttempts: must be an integer from 0 to 99999999; got -1"],
    ],
    [
      "BackoffRate below 1",
      { Retry: [{ ErrorEquals: ["E"], BackoffRate: 0.5 }] },
      ["States.Charge.Retry[0].BackoffRate: must be a number of at least 1.0; got 0.5"],
    ],
    [
      "MaxDelaySeconds of 0",
      { Retry: [{ ErrorEquals: ["E"], MaxDelaySeconds: 0 }] },
      ["States.Charge.Retry[0].MaxDelaySeconds: must be an integer from 1 to 31622400; got 0"],
    ],
    [
      "an unknown JitterStrategy",
      { Retry: [{ ErrorEquals: ["E"], JitterStrategy: "HALF" }] },
      ['States.Charge.Retry[0].JitterStrategy: must be "FULL" or "NONE"; got "HALF"'],
    ],
    [
      "an unknown retrier field",
      { Retry: [{ ErrorEquals: ["E"], Backoff: 2 }] },
      [
        'States.Charge.Retry[0].Backoff: unknown retrier field "Backoff"; allowed: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy, Comment',
      ],
    ],
  ])("reports %s", (_, fields, expected) => {
    expect(problems(charge({ ...fields, ...handled }))).toEqual(expected);
  });

  it("accepts a full retrier", () => {
    const retrier = {
      ErrorEquals: ["States.Timeout"],
      IntervalSeconds: 3,
      MaxAttempts: 0,
      BackoffRate: 1.5,
      MaxDelaySeconds: 10,
      JitterStrategy: "FULL",
      Comment: "c",
    };
    expect(problems(charge({ Retry: [retrier, { ErrorEquals: ["States.ALL"] }], ...handled }))).toEqual([]);
  });
});

describe("Catch", () => {
  it.each([
    [
      "Catch that is not an array",
      { Catch: "Handler" },
      undefined,
      [
        'States.Charge.Catch: must be an array of catchers such as [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]; got "Handler"',
        'States.Handler: state "Handler" is not reachable from "Charge"; transition to it from another state or remove it',
      ],
    ],
    [
      "a catcher without Next",
      { Catch: [{ ErrorEquals: ["E"] }, { ErrorEquals: ["States.ALL"], Next: "Handler" }] },
      undefined,
      ["States.Charge.Catch[0].Next: is required: name the state to go to when this catcher matches"],
    ],
    [
      "a States.ALL catcher before another",
      {
        Catch: [
          { ErrorEquals: ["States.ALL"], Next: "Handler" },
          { ErrorEquals: ["E"], Next: "Handler" },
        ],
      },
      undefined,
      [
        'States.Charge.Catch[0]: a catcher for "States.ALL" must be the last one; move it to the end of "Catch"',
      ],
    ],
    [
      "a bad catcher ResultPath",
      { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler", ResultPath: "$..a" }] },
      undefined,
      [
        "States.Charge.Catch[0].ResultPath: Invalid JSONPath '$..a': a Reference Path must select a single value (no '*', '..', ',', ':', '?' or functions) (at position 0)",
      ],
    ],
    [
      "Output in a JSONPath catcher",
      { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler", Output: {} }] },
      undefined,
      [
        'States.Charge.Catch[0].Output: "Output" is not allowed in a catcher of a JSONPath state; use "ResultPath" instead, or set "QueryLanguage": "JSONata" on the state',
      ],
    ],
    [
      "ResultPath in a JSONata catcher",
      { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler", ResultPath: "$.e" }] },
      "JSONata",
      [
        'States.Charge.Catch[0].ResultPath: "ResultPath" is not allowed in a catcher of a JSONata state; use "Output" (with $states.errorOutput) or "Assign" instead',
      ],
    ],
    [
      "an unknown catcher field",
      { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler", Retry: [] }] },
      undefined,
      [
        'States.Charge.Catch[0].Retry: unknown catcher field "Retry"; allowed: ErrorEquals, Next, Assign, Comment, ResultPath',
      ],
    ],
    [
      "a bad expression in a JSONata catcher Output",
      { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler", Output: "{% $states.errorOutput. %}" }] },
      "JSONata",
      [
        "States.Charge.Catch[0].Output: JSONata expression does not compile: Unexpected end of expression (S0207 at character 22); fix the expression between {% and %}",
      ],
    ],
  ])("reports %s", (_, fields, language, expected) => {
    expect(problems(charge(fields, language))).toEqual(expected);
  });
});
