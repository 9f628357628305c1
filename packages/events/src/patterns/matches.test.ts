import { describe, expect, it } from "vitest";
import { compilePattern } from "./compile-pattern.ts";
import { matches } from "./matches.ts";
import { parseEvent } from "./parse-event.ts";

const envelope = '"id": "1", "source": "s", "detail-type": "t", "account": "1", "region": "r", "time": "x"';
const test = (pattern: string, body: string): boolean =>
  matches(compilePattern(pattern), parseEvent(`{${envelope}${body === "" ? "" : ", "}${body}}`));

describe("matches", () => {
  it.each([
    ["exact string", '{"a": ["x"]}', '"a": "x"', true],
    ["string is not number", '{"a": ["1"]}', '"a": 1', false],
    ["number compares numerically", '{"a": [1]}', '"a": 1.0', true],
    [
      "number out of range compares by text",
      '{"a": [12345678901234567890]}',
      '"a": 12345678901234567890',
      true,
    ],
    ["big numbers keep precision", '{"a": [12345678901234567890]}', '"a": 12345678901234567891', false],
    ["null", '{"a": [null]}', '"a": null', true],
    ["null is not missing", '{"a": [null]}', "", false],
    ["empty string", '{"a": [""]}', '"a": ""', true],
    ["array any element", '{"a": ["x"]}', '"a": ["y", "x"]', true],
    ["empty event array has no value", '{"resources": [null]}', '"resources": []', false],
    ["exists true on empty array", '{"resources": [{"exists": true}]}', '"resources": []', false],
    ["exists false on empty array", '{"resources": [{"exists": false}]}', '"resources": []', true],
    ["exists true on object", '{"a": [{"exists": true}]}', '"a": {"b": 1}', false],
    ["exists true on null", '{"a": [{"exists": true}]}', '"a": null', true],
    ["exists false, missing parent", '{"a": {"b": {"c": [{"exists": false}]}}}', "", true],
    ["anything-but matches null", '{"a": [{"anything-but": "x"}]}', '"a": null', true],
    ["anything-but needs a value", '{"a": [{"anything-but": "x"}]}', "", false],
    ["anything-but numbers vs string", '{"a": [{"anything-but": [1, 2]}]}', '"a": "1"', true],
    ["anything-but numbers", '{"a": [{"anything-but": [1, 2]}]}', '"a": 2.0', false],
    ["numeric ignores strings", '{"a": [{"numeric": [">", 100]}]}', '"a": "101"', false],
    ["numeric range", '{"a": [{"numeric": [">", 0, "<=", 5]}]}', '"a": 5', true],
    ["numeric open top", '{"a": [{"numeric": [">=", 0, "<", 5]}]}', '"a": 5', false],
    ["numeric six decimals", '{"a": [{"numeric": [">", 0]}]}', '"a": 0.000001', true],
    ["numeric past six decimals", '{"a": [{"numeric": [">", 0]}]}', '"a": 0.0000001', false],
    ["cidr v4", '{"ip": [{"cidr": "10.0.0.0/24"}]}', '"ip": "10.0.0.255"', true],
    ["cidr v4 outside", '{"ip": [{"cidr": "10.0.0.0/24"}]}', '"ip": "10.0.1.0"', false],
    ["cidr v6", '{"ip": [{"cidr": "2001:db8::/32"}]}', '"ip": "2001:db8:1234::1"', true],
    ["exact ip", '{"ip": ["10.0.0.1"]}', '"ip": "10.0.0.1"', true],
    ["prefix ignore case", '{"a": [{"prefix": {"equals-ignore-case": "RuN"}}]}', '"a": "running"', true],
    ["suffix", '{"a": [{"suffix": ".png"}]}', '"a": "x.PNG"', false],
    ["wildcard", '{"a": [{"wildcard": "*bc"}]}', '"a": "abcbc"', true],
    ["wildcard empty", '{"a": [{"wildcard": ""}]}', '"a": "x"', false],
    ["wildcard escaped star", '{"a": [{"wildcard": "a\\\\*"}]}', '"a": "a*"', true],
    ["wildcard escaped star is literal", '{"a": [{"wildcard": "a\\\\*"}]}', '"a": "ab"', false],
    [
      "anything-but wildcard",
      '{"a": [{"anything-but": {"wildcard": "*/dir/*"}}]}',
      '"a": "dir/init/file"',
      true,
    ],
    ["equals-ignore-case", '{"a": [{"equals-ignore-case": "ABC"}]}', '"a": "abc"', true],
    ["$or", '{"$or": [{"a": ["1"]}, {"b": ["2"]}]}', '"b": "2"', true],
    ["dotted pattern key", '{"a.b": ["x"]}', '"a": {"b": "x"}', true],
    ["dotted event key", '{"a": {"b": ["x"]}}', '"a.b": "x"', true],
    ["string is not parsed as JSON", '{"detail": {"k": ["v"]}}', '"detail": "{\\"k\\": \\"v\\"}"', false],
    [
      "array-consistent",
      '{"m": {"n": ["a"], "s": ["B"]}}',
      '"m": [{"n": "a", "s": "A"}, {"n": "b", "s": "B"}]',
      false,
    ],
    [
      "array-consistent match",
      '{"m": {"n": ["b"], "s": ["B"]}}',
      '"m": [{"n": "a", "s": "A"}, {"n": "b", "s": "B"}]',
      true,
    ],
  ])("%s", (_name, pattern, body, expected) => {
    expect(test(pattern, body)).toBe(expected);
  });

  it("matches plain JavaScript values too", () => {
    expect(matches(compilePattern('{"detail": {"n": [{"numeric": ["<", 10]}]}}'), { detail: { n: 3 } })).toBe(
      true,
    );
  });
});

describe("parseEvent", () => {
  it.each(["plain string", "[]", '{"id": "1"}'])("rejects %s", (text) => {
    expect(() => parseEvent(text)).toThrow("Parameter Event is not valid.");
  });
});
