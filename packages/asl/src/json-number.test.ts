import { describe, expect, it } from "vitest";
import { compareNumeric, integerValue, isNumeric, JsonNumber, parseJsonNumber } from "./json-number.ts";
import { parseJson } from "./json-text.ts";
import { stringifyJson } from "./json-stringify.ts";
import { isJsonObject, jsonText } from "./json.ts";

const n = (lexeme: string) => new JsonNumber(lexeme);

describe("JsonNumber", () => {
  it.each([
    ["1", 1],
    ["-7", -7],
    ["1.5", 1.5],
    ["123456789012345", 123456789012345],
  ])("keeps %s a plain number: its lexeme round-trips", (lexeme, value) => {
    expect(parseJsonNumber(lexeme)).toBe(value);
  });

  it.each(["1.0", "1e2", "-0", "12345678901234567890", "0.10", "1E+2"])(
    "keeps the lexeme of %s, which a plain number would lose",
    (lexeme) => {
      const parsed = parseJsonNumber(lexeme);
      expect(parsed).toEqual(n(lexeme));
      expect(Number(parsed)).toBe(Number(lexeme));
    },
  );

  it("keeps text that is not a JSON number (01 in an intrinsic argument) a plain number", () => {
    expect(parseJsonNumber("01")).toBe(1);
    expect(parseJsonNumber("-00.50")).toBe(-0.5);
  });

  it("is immutable, numeric, and not a JSON object", () => {
    const value = n("1.0");
    expect(Object.isFrozen(value)).toBe(true);
    expect(isNumeric(value)).toBe(true);
    expect(isJsonObject(value)).toBe(false);
    expect(+value + 1).toBe(2);
  });

  it.each<[number | JsonNumber, number | JsonNumber, number]>([
    [n("1.0"), 1, 0],
    [n("1e2"), 100, 0],
    [n("12345678901234567890"), n("12345678901234567891"), -1],
    [n("12345678901234567891"), n("12345678901234567890"), 1],
    [n("12345678901234567890"), 12345678901234567000, 1],
    [n("-0"), 0, 0],
    [n("-1.5"), -1, -1],
    [2, 1, 1],
  ])("compares %s and %s exactly (%d)", (a, b, sign) => {
    expect(Math.sign(compareNumeric(a, b))).toBe(sign);
  });

  it("gives the integer value of integral lexemes only", () => {
    expect(integerValue(n("2.0"))).toBe(2);
    expect(integerValue(n("2e1"))).toBe(20);
    expect(integerValue(n("2.5"))).toBeUndefined();
    expect(integerValue(n("12345678901234567890"))).toBeUndefined();
    expect(integerValue(3)).toBe(3);
    expect(integerValue("3")).toBeUndefined();
  });
});

describe("parseJson / stringifyJson", () => {
  const text = '{"a":1.0,"id":12345678901234567890,"list":[1,2.50,-0,1e2],"plain":7,"s":"1.0"}';

  it("round-trips number lexemes", () => {
    expect(stringifyJson(parseJson(text))).toBe(text);
    expect(jsonText(parseJson(text))).toBe(text);
  });

  it("prints values without JsonNumbers exactly as JSON.stringify, indentation included", () => {
    const value = { a: [1, "x", null], b: { c: true } };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
    expect(stringifyJson(value, 2)).toBe(JSON.stringify(value, null, 2));
    expect(stringifyJson({ a: n("1.0") }, 2)).toBe('{\n  "a": 1.0\n}');
  });

  it("gives plain JSON.stringify the nearest number", () => {
    expect(JSON.stringify({ a: n("1.0") })).toBe('{"a":1}');
  });

  it("keeps the last of duplicate keys, as JSON.parse does", () => {
    expect(parseJson('{"a":1,"a":2}')).toEqual({ a: 2 });
  });

  it("keeps __proto__ as data", () => {
    const value = parseJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("throws a SyntaxError for text that is not JSON", () => {
    expect(() => parseJson("{")).toThrow(SyntaxError);
  });
});

describe("parseJson's JSON.parse fast path", () => {
  it("gives JSON.parse's value when no number would change, whatever the strings hold", () => {
    const text = '{"s":"1.0 \\" -0 1e2","n":[1.5,2,-3]}';
    expect(parseJson(text)).toEqual(JSON.parse(text));
  });

  it("parses text nested deeper than lossless-json's recursion allows when no number would change", () => {
    const depth = 20_000;
    expect(() => parseJson(`${"[".repeat(depth)}1${"]".repeat(depth)}`)).not.toThrow();
  });
});
