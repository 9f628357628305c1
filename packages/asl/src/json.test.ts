import { describe, expect, it } from "vitest";
import { isJsonObject, jsonText } from "./json.ts";

describe("json", () => {
  it("tells objects from arrays and null", () => {
    expect(isJsonObject({ a: 1 })).toBe(true);
    expect(isJsonObject([1])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
  });
  it("prints compact JSON and survives values JSON cannot print", () => {
    expect(jsonText({ a: [1, "x"] })).toBe('{"a":[1,"x"]}');
    expect(jsonText(undefined)).toBe("null");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(jsonText(cyclic)).toBe("[object Object]");
  });
});
