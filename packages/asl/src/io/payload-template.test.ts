import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import type { Json } from "../json.ts";
import type { QueryScope } from "../scope.ts";
import { compilePayloadTemplate, payloadTemplateProblems } from "./payload-template.ts";

const input: Json = { order: { id: 7, items: [{ sku: "a" }, { sku: "b" }] }, user: "ada" };
const variables: Record<string, Json> = { limit: 5 };
const scope: QueryScope = {
  input,
  context: { Execution: { Id: "exec-1", Input: { k: 1 } }, Map: { Item: { Index: 2 } } },
  variables: { get: (name) => variables[name] },
};
const env = { random: () => 0, uuid: () => "uuid-1" };

describe("compilePayloadTemplate", () => {
  it.each<[string, Json, Json]>([
    [
      "a constant",
      { source: "web", n: 1, ok: true, none: null },
      { source: "web", n: 1, ok: true, none: null },
    ],
    ["a path", { "id.$": "$.order.id" }, { id: 7 }],
    ["the whole input", { "all.$": "$" }, { all: input }],
    [
      "the context",
      { "exec.$": "$$.Execution.Id", "index.$": "$$.Map.Item.Index" },
      { exec: "exec-1", index: 2 },
    ],
    ["a variable", { "max.$": "$limit" }, { max: 5 }],
    ["an indefinite path", { "skus.$": "$.order.items[*].sku" }, { skus: ["a", "b"] }],
    ["an indefinite path matching nothing", { "none.$": "$.order.items[?(@.sku == 'z')]" }, { none: [] }],
    ["an intrinsic", { "text.$": "States.Format('#{} for {}', $.order.id, $.user)" }, { text: "#7 for ada" }],
    ["a UUID", { "id.$": "States.UUID()" }, { id: "uuid-1" }],
    [
      "nested objects and arrays",
      { outer: { "inner.$": "$.user", list: [{ "x.$": "$.order.id" }, 3, ["y"]] } },
      { outer: { inner: "ada", list: [{ x: 7 }, 3, ["y"]] } },
    ],
    ["a key that only contains .$", { "a.$b": "literal" }, { "a.$b": "literal" }],
    ["a template that is an array", [{ "u.$": "$.user" }], [{ u: "ada" }]],
  ])("%s", (_name, template, expected) => {
    expect(compilePayloadTemplate(template)(scope, env)).toEqual(expected);
  });

  it("builds fresh objects on each evaluation", () => {
    const template = compilePayloadTemplate({ fixed: { a: [1] } });
    const first = template(scope, env) as { fixed: { a: number[] } };
    first.fixed.a.push(2);
    expect(template(scope, env)).toEqual({ fixed: { a: [1] } });
  });

  it.each<[Json, string]>([
    [
      { "value.$": "$$.Execution.Input.no_such_jsonpath" },
      `The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{"Execution":{"Id":"exec-1","Input":{"k":1}},"Map":{"Item":{"Index":2}}}'`,
    ],
    [
      { deep: { "x.$": "$.order.missing" } },
      `The JSONPath '$.order.missing' specified for the field 'x.$' could not be found in the input '${JSON.stringify(input)}'`,
    ],
    [
      { "v.$": "$nothing.here" },
      "The JSONPath '$nothing.here' specified for the field 'v.$' could not be found in the input 'null'",
    ],
  ])("fails like AWS when %j matches nothing", (template, cause) => {
    const run = () => compilePayloadTemplate(template)(scope, env);
    expect(run).toThrow(StatesFailure);
    try {
      run();
    } catch (error) {
      expect((error as StatesFailure).toFailure()).toEqual({ error: "States.Runtime", cause });
    }
  });

  it("rejects invalid dynamic values when compiling", () => {
    expect(() => compilePayloadTemplate({ "a.$": "$.x[" })).toThrow("Invalid JSONPath");
    expect(() => compilePayloadTemplate({ "a.$": "States.Nope()" })).toThrow("unknown intrinsic function");
    expect(() => compilePayloadTemplate({ "a.$": 3 })).toThrow(
      "must be a path or an intrinsic function call",
    );
  });
});

describe("payloadTemplateProblems", () => {
  it("finds nothing wrong in a valid template", () => {
    expect(
      payloadTemplateProblems(
        { "a.$": "$.x", b: { "c.$": "States.Array($$.Execution.Id)", d: [{ "e.$": "$v" }] } },
        "P",
      ),
    ).toEqual([]);
  });

  it("lists every bad dynamic field with where it is", () => {
    const problems = payloadTemplateProblems(
      {
        "a.$": "$.x[",
        b: { "c.$": "States.Nope()", list: [{ "d.$": 12 }] },
        "e.$": "not a path",
        "f.$": "States.Format('{}')",
        g: "$.plain strings are fine",
      },
      "States.S.Parameters",
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      "States.S.Parameters.a.$",
      "States.S.Parameters.b.c.$",
      "States.S.Parameters.b.list[0].d.$",
      "States.S.Parameters.e.$",
      "States.S.Parameters.f.$",
    ]);
    expect(problems[0]?.message).toContain("Invalid JSONPath '$.x['");
    expect(problems[1]?.message).toContain("unknown intrinsic function 'States.Nope'");
    expect(problems[2]?.message).toBe(
      "must be a JSONPath or an intrinsic function call (a string), but is 12",
    );
    expect(problems[3]?.message).toBe(
      "must be a JSONPath (starting with '$') or an intrinsic function call (States.*), but is \"not a path\"",
    );
    expect(problems[4]?.message).toContain("the template has 1 placeholder(s) '{}' but 0 value(s) follow it");
  });
});
