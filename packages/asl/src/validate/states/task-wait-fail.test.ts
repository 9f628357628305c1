import { describe, expect, it } from "vitest";
import { formatProblem } from "../problem.ts";
import { validateDefinition } from "../validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const one = (state: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  ...top,
  StartAt: "S",
  States: { S: state },
});
const lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";
const task = (fields: Record<string, unknown>) =>
  one({ Type: "Task", Resource: lambda, End: true, ...fields });

describe("Task", () => {
  it.each([
    [
      "no Resource",
      one({ Type: "Task", End: true }),
      [
        'States.S: a Task state needs "Resource": the ARN of the work to run, such as "arn:aws:states:::lambda:invoke"',
      ],
    ],
    [
      "a Resource that is not an ARN",
      task({ Resource: "lambda" }),
      [
        'States.S.Resource: must be an ARN (arn:partition:service:region:account:resource), such as "arn:aws:states:::lambda:invoke"; got "lambda"',
      ],
    ],
    [
      "TimeoutSeconds of 0",
      task({ TimeoutSeconds: 0 }),
      ["States.S.TimeoutSeconds: must be an integer from 1 to 99999999; got 0"],
    ],
    [
      "a fractional HeartbeatSeconds",
      task({ HeartbeatSeconds: 1.5 }),
      ["States.S.HeartbeatSeconds: must be an integer from 1 to 99999999; got 1.5"],
    ],
    [
      "a heartbeat not below the timeout",
      task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }),
      [
        "States.S.HeartbeatSeconds: must be smaller than TimeoutSeconds (10); lower it or raise TimeoutSeconds",
      ],
    ],
    [
      "both TimeoutSeconds and TimeoutSecondsPath",
      task({ TimeoutSeconds: 10, TimeoutSecondsPath: "$.t" }),
      ['States.S: cannot have both "TimeoutSeconds" and "TimeoutSecondsPath"; keep one'],
    ],
    [
      "both HeartbeatSeconds and HeartbeatSecondsPath",
      task({ HeartbeatSeconds: 1, HeartbeatSecondsPath: "$.h" }),
      ['States.S: cannot have both "HeartbeatSeconds" and "HeartbeatSecondsPath"; keep one'],
    ],
    [
      "a HeartbeatSecondsPath that is not a path",
      task({ HeartbeatSecondsPath: 5 }),
      ['States.S.HeartbeatSecondsPath: must be a JSONPath string such as "$.field"; got 5'],
    ],
    [
      "a JSONata TimeoutSeconds that does not compile",
      task({ QueryLanguage: "JSONata", TimeoutSeconds: "{% $states.input.t + %}" }),
      [
        "States.S.TimeoutSeconds: JSONata expression does not compile: Unexpected end of expression (S0207 at character 19); fix the expression between {% and %}",
      ],
    ],
    [
      "a JSONata TimeoutSeconds that is neither number nor expression",
      task({ QueryLanguage: "JSONata", TimeoutSeconds: "10" }),
      [
        'States.S.TimeoutSeconds: must be an integer from 1 to 99999999 or a {% %} JSONata expression; got "10"',
      ],
    ],
    [
      "Credentials without RoleArn",
      task({ Credentials: {} }),
      ['States.S.Credentials: needs "RoleArn" (or "RoleArnPath")'],
    ],
    [
      "Credentials with both",
      task({ Credentials: { RoleArn: "arn:aws:iam::1:role/r", RoleArnPath: "$.r" } }),
      ['States.S.Credentials: cannot have both "RoleArn" and "RoleArnPath"; keep one'],
    ],
    [
      "RoleArnPath in a JSONata state",
      task({ QueryLanguage: "JSONata", Credentials: { RoleArnPath: "$.r" } }),
      [
        'States.S.Credentials.RoleArnPath: "RoleArnPath" is not allowed here; use "RoleArn" with a {% %} expression instead',
        'States.S.Credentials: needs "RoleArn" (or "RoleArnPath")',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("accepts a Task with every field", () => {
    expect(
      problems(
        task({
          Parameters: { "a.$": "$.a" },
          ResultSelector: { "b.$": "$.b" },
          ResultPath: "$.r",
          TimeoutSeconds: 60,
          HeartbeatSeconds: 10,
          Credentials: { RoleArn: "arn:aws:iam::1:role/r" },
        }),
      ),
    ).toEqual([]);
    expect(
      problems(
        task({
          QueryLanguage: "JSONata",
          Arguments: "{% $states.input %}",
          TimeoutSeconds: "{% 60 %}",
          Output: { r: "{% $states.result %}" },
        }),
      ),
    ).toEqual([]);
  });
});

describe("Wait", () => {
  it.each([
    [
      "no duration",
      one({ Type: "Wait", End: true }),
      ['States.S: a Wait state needs exactly one of "Seconds", "Timestamp", "SecondsPath", "TimestampPath"'],
    ],
    [
      "two durations",
      one({ Type: "Wait", End: true, Seconds: 1, TimestampPath: "$.t" }),
      [
        'States.S: a Wait state takes exactly one of "Seconds", "Timestamp", "SecondsPath", "TimestampPath"; keep only one of "Seconds", "TimestampPath"',
      ],
    ],
    [
      "negative Seconds",
      one({ Type: "Wait", End: true, Seconds: -1 }),
      ["States.S.Seconds: must be an integer from 0 to 99999999; got -1"],
    ],
    [
      "a Timestamp that is not RFC 3339",
      one({ Type: "Wait", End: true, Timestamp: "2020-01-01 00:00:00" }),
      [
        'States.S.Timestamp: must be an RFC 3339 timestamp such as "2016-03-14T01:59:00Z" (upper-case T and Z); got "2020-01-01 00:00:00"',
      ],
    ],
    [
      "a SecondsPath that is not a Reference Path",
      one({ Type: "Wait", End: true, SecondsPath: "$.a[*]" }),
      [
        "States.S.SecondsPath: Invalid JSONPath '$.a[*]': a Reference Path must select a single value (no '*', '..', ',', ':', '?' or functions) (at position 0)",
      ],
    ],
    [
      "a JSONata Wait with no duration",
      one({ Type: "Wait", QueryLanguage: "JSONata", End: true }),
      ['States.S: a Wait state needs exactly one of "Seconds", "Timestamp"'],
    ],
    [
      "a JSONata Seconds that does not compile",
      one({ Type: "Wait", QueryLanguage: "JSONata", End: true, Seconds: "{% $x + %}" }),
      [
        "States.S.Seconds: JSONata expression does not compile: Unexpected end of expression (S0207 at character 6); fix the expression between {% and %}",
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });
});

describe("Fail", () => {
  it.each([
    [
      "both Error and ErrorPath",
      one({ Type: "Fail", Error: "E", ErrorPath: "$.e" }),
      ['States.S: cannot have both "Error" and "ErrorPath"; keep one'],
    ],
    [
      "both Cause and CausePath",
      one({ Type: "Fail", Cause: "C", CausePath: "$.c" }),
      ['States.S: cannot have both "Cause" and "CausePath"; keep one'],
    ],
    [
      "a Cause that is not a string",
      one({ Type: "Fail", Cause: 3 }),
      ["States.S.Cause: must be a string; got 3"],
    ],
    [
      "a CausePath with a bad intrinsic",
      one({ Type: "Fail", CausePath: "States.Nope($.a)" }),
      [
        "States.S.CausePath: Invalid intrinsic function call 'States.Nope($.a)': unknown intrinsic function 'States.Nope'",
      ],
    ],
    [
      "ErrorPath in a JSONata state",
      one({ Type: "Fail", ErrorPath: "$.e" }, { QueryLanguage: "JSONata" }),
      [
        'States.S.ErrorPath: "ErrorPath" is not allowed in a JSONata state; use "Error" with a {% %} expression instead',
      ],
    ],
    [
      "an Error expression that does not compile",
      one({ Type: "Fail", Error: "{% ( %}" }, { QueryLanguage: "JSONata" }),
      [
        'States.S.Error: JSONata expression does not compile: Expected ")" before end of expression (S0203 at character 3); fix the expression between {% and %}',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("accepts paths and intrinsics", () => {
    expect(
      problems(one({ Type: "Fail", ErrorPath: "$.error", CausePath: "States.Format('bad {}', $.id)" })),
    ).toEqual([]);
  });
});
