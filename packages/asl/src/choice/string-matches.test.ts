import { describe, expect, it } from "vitest";
import { compileStringMatches } from "./string-matches.ts";

describe("compileStringMatches", () => {
  it.each([
    // pattern (as the runtime string, escapes already JSON-decoded), value, matches
    ["log-*.txt", "log-2024.txt", true],
    ["log-*.txt", "log-.txt", true],
    ["log-*.txt", "log-2024.txt.gz", false],
    ["log-*.txt", "xlog-1.txt", false],
    ["foo*.log", "foo23.log", true],
    ["*.log", "zebra.log", true],
    ["foo*.*", "foobar.zebra", true],
    ["foo*.*", "foobar", false],
    ["*", "", true],
    ["*", "anything at all", true],
    ["**", "x", true],
    ["", "", true],
    ["", "a", false],
    ["abc", "abc", true],
    ["abc", "abcd", false],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYc", true],
    ["a*b*c", "acb", false],
    ["a*ab", "aab", true],
    ["a*ab", "ab", false],
    ["*aa*aa*", "aaa", false],
    ["*aa*aa*", "aaaa", true],
    ["a*a", "a", false],
    ["?", "x", false],
    ["?", "?", true],
    ["[a]", "a", false],
    [".*", "abc", false],
    ["\\*", "*", true],
    ["\\*", "x", false],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["\\**", "*abc", true],
    ["\\**", "abc", false],
    ["\\\\", "\\", true],
    ["\\\\*", "\\abc", true],
    ["\\\\\\*", "\\*", true],
    ["\\n", "\\n", true],
    ["end\\", "end\\", true],
    ["é*ü", "éxxü", true],
    ["😀*", "😀!", true],
  ])("%j matches %j: %s", (pattern, value, expected) => {
    expect(compileStringMatches(pattern)(value)).toBe(expected);
  });

  it("stays fast on patterns that make backtracking matchers explode", () => {
    const value = "a".repeat(20_000);
    const start = performance.now();
    expect(compileStringMatches(`${"a*".repeat(40)}b`)(value)).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
