import { describe, expect, it } from "vitest";
import { JsonNumber } from "../json-number.ts";
import { javaJsonText, javaNumberText } from "./java-json.ts";

describe("javaNumberText", () => {
  it.each<[number, string]>([
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [-7, "-7"],
    [1.5, "1.5"],
    [-0.25, "-0.25"],
    [0.001, "0.001"],
    [0.0001, "1.0E-4"],
    [1.25e-7, "1.25E-7"],
    [1234567.5, "1234567.5"],
    [12345678.5, "1.23456785E7"],
    [1e20, "100000000000000000000"],
    [1e21, "1.0E21"],
    [-2.5e300, "-2.5E300"],
  ])("%d prints as %s", (value, text) => {
    expect(javaNumberText(value)).toBe(text);
  });
});

describe("javaJsonText", () => {
  it("prints compact JSON with Java numbers", () => {
    expect(javaJsonText({ a: [1, 1.5, 1e21], 'b"': { c: null, d: "x\ny" }, e: true })).toBe(
      '{"a":[1,1.5,1.0E21],"b\\"":{"c":null,"d":"x\\ny"},"e":true}',
    );
  });
});

describe("javaNumberText of JsonNumbers", () => {
  it.each<[string, string]>([
    ["1.0", "1.0"],
    ["1e2", "100.0"],
    ["2.50", "2.5"],
    ["-0.0", "-0.0"],
    ["-0", "0"],
    ["12345678901234567890", "12345678901234567890"],
    ["1.5e10", "1.5E10"],
  ])("%s prints as %s", (lexeme, text) => {
    expect(javaNumberText(new JsonNumber(lexeme))).toBe(text);
  });

  it("prints JsonNumbers inside JSON text", () => {
    expect(javaJsonText({ a: [new JsonNumber("1.0"), 2] })).toBe('{"a":[1.0,2]}');
  });
});
