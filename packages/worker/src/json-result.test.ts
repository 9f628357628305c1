import { describe, expect, test } from "vitest";
import { jsonResult } from "./json-result.ts";

describe("jsonResult", () => {
  test.each([
    ["undefined becomes null", undefined, null],
    ["null", null, null],
    ["a string", "hi", "hi"],
    ["nested data", { a: [1, "b", { c: true }] }, { a: [1, "b", { c: true }] }],
    ["undefined members are dropped", { a: 1, b: undefined }, { a: 1 }],
    ["undefined array items become null", [1, undefined], [1, null]],
    ["toJSON is honoured", { at: new Date("2024-01-02T03:04:05.000Z") }, { at: "2024-01-02T03:04:05.000Z" }],
  ])("%s", (_label, value, expected) => {
    expect(jsonResult(value)).toEqual({ ok: true, json: expected });
  });

  test("returns a copy", () => {
    const value = { list: [1] };
    const result = jsonResult(value);
    value.list.push(2);
    expect(result).toEqual({ ok: true, json: { list: [1] } });
  });

  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;

  test.each([
    ["a function at the top", () => 1, "a function at $"],
    ["a nested function", { items: [{ run: () => 1 }] }, "a function at $.items[0].run"],
    ["a symbol", { s: Symbol("x") }, "a symbol at $.s"],
    ["a BigInt", { "odd key": 10n }, 'a BigInt (10n; convert it to a string or number) at $["odd key"]'],
    ["NaN", [NaN], "NaN (JSON has no such number) at $[0]"],
    ["Infinity", { n: Infinity }, "Infinity (JSON has no such number) at $.n"],
    ["a Map", { m: new Map() }, "a Map (convert it with Object.fromEntries) at $.m"],
    ["a Set", new Set([1]), "a Set (convert it to an array) at $"],
    ["a cycle", cyclic, "Converting circular structure to JSON"],
  ])("refuses %s", (_label, value, detail) => {
    const result = jsonResult(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problem).toContain(`The handler's result is not JSON: ${detail}`);
  });
});
