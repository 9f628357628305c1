import { describe, expect, test } from "vitest";
import { JsonNumberText } from "./json-number-text.ts";
import { parseJsonText } from "./parse-json-text.ts";

describe("parseJsonText", () => {
  test("keeps number literals, and the last of duplicate keys", () => {
    const value = parseJsonText('{"a": 1.50, "b": [12345678901234567890], "a": 2}') as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(["a", "b"]);
    expect(value.a).toEqual(new JsonNumberText("2"));
    expect(value.b).toEqual([new JsonNumberText("12345678901234567890")]);
  });

  test('"__proto__" is a key like any other, not a prototype', () => {
    const value = parseJsonText('{"__proto__": {"polluted": true}, "constructor": 1}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({ polluted: true });
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });

  test("reports where an unclosed array started", () => {
    expect(() => parseJsonText('{"a": [1,\n {"b": 2}')).toThrow(
      /start marker at \[Source: .*line: 1, column: 7\]/s,
    );
  });
});
