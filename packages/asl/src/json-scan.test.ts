import { describe, expect, it } from "vitest";
import { hasLossyNumber, memberCountBound, parsedMemberCount } from "./json-scan.ts";

describe("json-scan", () => {
  it.each<[string, boolean]>([
    ['{"a":1,"b":[2,-3],"c":1.5,"d":0.25,"e":1234567890123456}', false],
    ['{"s":"v1.0.3 at 2024-01-01T00:00:00.000Z, 1e2x, 12345678901234567890Z"}', false],
    // A false alarm (a string that looks like a member list) only costs the lossless parse.
    ['{"s":"a: 1.0, b"}', true],
    ['{"s":"a \\" 1.0","n":2}', false],
    ['{"a":1.0}', true],
    ['{"a":1e2}', true],
    ['{"a":-0}', true],
    ["[-0.0]", true],
    ['{"a":12345678901234567890}', true],
    ['{"s":"x\\"","n":2.50}', true],
  ])("%s may have a lossy number: %s", (text, lossy) => {
    expect(hasLossyNumber(text)).toBe(lossy);
  });

  it("bounds the member count from above, and meets it exactly without repeated names", () => {
    const plain = '{"a":{"b":1,"c":[{"d":2}]},"e":"f"}';
    expect(memberCountBound(plain)).toBe(parsedMemberCount(JSON.parse(plain)));
    const repeated = '{"a":1,"a":2}';
    expect(memberCountBound(repeated)).toBeGreaterThan(parsedMemberCount(JSON.parse(repeated)));
    const tricky = '{"s":"\\":"}';
    expect(memberCountBound(tricky)).toBeGreaterThanOrEqual(parsedMemberCount(JSON.parse(tricky)));
  });
});
