import { describe, expect, it } from "vitest";
import { StatesFailure } from "../errors.ts";
import type { Json } from "../json.ts";
import { PathSyntaxError } from "./path-syntax-error.ts";
import { compileReferencePath, referencePathSyntaxProblem } from "./reference-path.ts";

describe("compileReferencePath", () => {
  it.each<[string, Json, Json, Json]>([
    ["$", { a: 1 }, "r", "r"],
    ["$.result", { a: 1 }, 2, { a: 1, result: 2 }],
    ["$.a", { a: 1 }, { b: 2 }, { a: { b: 2 } }],
    ["$.x.y.z", { a: 1 }, true, { a: 1, x: { y: { z: true } } }],
    ["$.a.b", { a: { c: 1 } }, 2, { a: { c: 1, b: 2 } }],
    ["$['a b'].c", {}, 1, { "a b": { c: 1 } }],
    ["$.list[1]", { list: [1, 2, 3] }, 9, { list: [1, 9, 3] }],
    ["$.list[-1].v", { list: [{ v: 0 }, { v: 1 }] }, 9, { list: [{ v: 0 }, { v: 9 }] }],
  ])("sets %s", (path, target, value, expected) => {
    const before = JSON.stringify(target);
    expect(compileReferencePath(path).set(target, value)).toEqual(expected);
    expect(JSON.stringify(target)).toBe(before);
  });

  it("shares what it does not copy", () => {
    const target = { keep: { big: [1, 2] }, a: { b: 1 } };
    const result = compileReferencePath("$.a.c").set(target, 2) as { keep: Json; a: Json };
    expect(result.keep).toBe(target.keep);
    expect(result.a).not.toBe(target.a);
  });

  it.each<[string, Json]>([
    ["$.a", "text"],
    ["$.a.b", { a: 5 }],
    ["$.a", [1]],
    ["$.list[5]", { list: [1] }],
    ["$.list[0]", { list: {} }],
    ["$.missing[0]", {}],
  ])("fails %s on %j", (path, target) => {
    const attempt = () => compileReferencePath(path).set(target, 1);
    expect(attempt).toThrow(StatesFailure);
    try {
      attempt();
    } catch (error) {
      expect((error as StatesFailure).error).toBe("States.ResultPathMatchFailure");
      expect((error as StatesFailure).cause).toBe(
        `Unable to apply ReferencePath ${path} to input ${JSON.stringify(target)}`,
      );
    }
  });

  it("reads like a compiled path", () => {
    const path = compileReferencePath("$.a[0]");
    expect(path.definite).toBe(true);
    expect(path.get({ input: { a: [7] }, context: null, variables: { get: () => undefined } })).toBe(7);
  });

  it.each(["$.a[*]", "$..a", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.b)]", "$.a.length()", "$['a','b']", "$.a["])(
    "rejects %s",
    (path) => {
      expect(() => compileReferencePath(path)).toThrow(PathSyntaxError);
      expect(referencePathSyntaxProblem(path)).toContain(`Invalid JSONPath '${path}'`);
    },
  );

  it("accepts definite paths", () => {
    expect(referencePathSyntaxProblem("$.a['b c'][0]")).toBeUndefined();
    expect(referencePathSyntaxProblem("$$.Execution.Input")).toBeUndefined();
  });
});
