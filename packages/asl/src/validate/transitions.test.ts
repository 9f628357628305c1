import { describe, expect, it } from "vitest";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);
const lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";

describe("transitions and reachability", () => {
  it.each([
    [
      "a Next naming no state",
      { StartAt: "A", States: { A: { Type: "Pass", Next: "Missing" } } },
      ['States.A.Next: state "Missing" does not exist'],
    ],
    [
      "a Next with a typo",
      { StartAt: "Charge", States: { Charge: { Type: "Pass", Next: "Shipp" }, Ship: { Type: "Succeed" } } },
      [
        'States.Charge.Next: state "Shipp" does not exist; did you mean "Ship"?',
        'States.Ship: state "Ship" is not reachable from "Charge"; transition to it from another state or remove it',
      ],
    ],
    [
      "a Choice Default naming no state",
      {
        StartAt: "C",
        States: {
          C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "E" }], Default: "Nope" },
          E: { Type: "Succeed" },
        },
      },
      ['States.C.Default: state "Nope" does not exist'],
    ],
    [
      "a Choice rule Next naming no state",
      {
        StartAt: "C",
        States: {
          C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Nope" }], Default: "E" },
          E: { Type: "Succeed" },
        },
      },
      ['States.C.Choices[0].Next: state "Nope" does not exist'],
    ],
    [
      "a catcher Next naming no state",
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: lambda,
            End: true,
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Nope" }],
          },
        },
      },
      ['States.T.Catch[0].Next: state "Nope" does not exist'],
    ],
    [
      "an unreachable state",
      { StartAt: "A", States: { A: { Type: "Pass", End: true }, B: { Type: "Succeed" } } },
      ['States.B: state "B" is not reachable from "A"; transition to it from another state or remove it'],
    ],
    [
      "a branch state that jumps out of its branch",
      {
        StartAt: "P",
        States: {
          P: {
            Type: "Parallel",
            Next: "After",
            Branches: [{ StartAt: "B1", States: { B1: { Type: "Pass", Next: "After" } } }],
          },
          After: { Type: "Succeed" },
        },
      },
      [
        'States.P.Branches[0].States.B1.Next: state "After" is outside this branch; a transition cannot leave its Parallel branch or Map item processor',
      ],
    ],
    [
      "an unreachable state inside an item processor",
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            End: true,
            ItemProcessor: { StartAt: "I", States: { I: { Type: "Succeed" }, J: { Type: "Succeed" } } },
          },
        },
      },
      [
        'States.M.ItemProcessor.States.J: state "J" is not reachable from "I"; transition to it from another state or remove it',
      ],
    ],
  ])("reports %s", (_, definition, expected) => {
    expect(problems(definition)).toEqual(expected);
  });

  it("follows Default, rules and catchers when judging reachability", () => {
    expect(
      problems({
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: lambda,
            Next: "C",
            Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler" }],
          },
          Handler: { Type: "Fail", Error: "E" },
          C: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Yes" }], Default: "No" },
          Yes: { Type: "Succeed" },
          No: { Type: "Succeed" },
        },
      }),
    ).toEqual([]);
  });
});
