import { describe, expect, it } from "vitest";
import { jsonataSyntaxProblem } from "./jsonata-syntax.ts";
import { formatProblem } from "./problem.ts";
import { validateDefinition } from "./validate-definition.ts";

const problems = (definition: unknown): string[] => validateDefinition(definition).map(formatProblem);

describe("jsonataSyntaxProblem", () => {
  it.each([
    ["{% $states.input.a %}", undefined],
    ["{% $sum($states.input.items.price) %}", undefined],
    [
      "{% %}",
      "JSONata expression does not compile: Unexpected end of expression (S0207 at character 1); fix the expression between {% and %}",
    ],
    [
      "{% a b %}",
      'JSONata expression does not compile: Syntax error: "b" (S0201 at character 4); fix the expression between {% and %}',
    ],
  ])("%j", (text, expected) => {
    expect(jsonataSyntaxProblem(text)).toBe(expected);
  });
});

describe("JSONata expressions in JSONata states", () => {
  it("compiles expressions anywhere inside evaluated fields and names each by its path", () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "S",
      States: {
        S: {
          Type: "Pass",
          Comment: "{% not evaluated %",
          Assign: { ok: "{% 1 + 1 %}", bad: { deep: ["{% 1 + %}"] } },
          Output: { list: ["literal {% 1 %} text", "{% ) %}"] },
          End: true,
        },
      },
    };
    expect(problems(definition)).toEqual([
      "States.S.Assign.bad.deep[0]: JSONata expression does not compile: Unexpected end of expression (S0207 at character 5); fix the expression between {% and %}",
      'States.S.Output.list[1]: JSONata expression does not compile: The symbol ")" cannot be used as a unary operator (S0211 at character 2); fix the expression between {% and %}',
    ]);
  });

  it("leaves {% %} strings alone in JSONPath states", () => {
    expect(problems({ StartAt: "S", States: { S: { Type: "Pass", Result: "{% ) %}", End: true } } })).toEqual(
      [],
    );
  });
});
