import { describe, expect, it } from "vitest";
import { parseAccessKeys } from "./access-keys.ts";
import { parseApiKeys } from "./api-keys.ts";
import { securityFromEnv } from "./security-from-env.ts";

describe("parseAccessKeys", () => {
  it.each([
    ["", []],
    ["  ", []],
    ["AKID:secret", [["AKID", "secret"]]],
    [
      " AKID1:wJal/K7+MDENG= , AKID2:s:with:colons,",
      [
        ["AKID1", "wJal/K7+MDENG="],
        ["AKID2", "s:with:colons"],
      ],
    ],
  ])("reads %j", (text, expected) => {
    expect([...parseAccessKeys(text)]).toEqual(expected);
  });

  it.each([
    ["AKID", "entry 1 is not ACCESS_KEY_ID:SECRET"],
    ["AKID:", "entry 1 is not ACCESS_KEY_ID:SECRET"],
    ["A:b,:hidden-secret", "entry 2 is not ACCESS_KEY_ID:SECRET"],
    ["bad id:hidden-secret", "entry 1 is not ACCESS_KEY_ID:SECRET"],
    ["A:one,A:hidden-secret", "entry 2 repeats access key id A"],
  ])("refuses %j without echoing the secret", (text, message) => {
    expect(() => parseAccessKeys(text)).toThrow(message);
    try {
      parseAccessKeys(text);
    } catch (error) {
      expect((error as Error).message).not.toContain("hidden-secret");
    }
  });
});

describe("parseApiKeys and securityFromEnv", () => {
  it("reads comma-separated keys of at least 16 characters", () => {
    expect(parseApiKeys(" 0123456789abcdef , fedcba9876543210xyz")).toEqual([
      "0123456789abcdef",
      "fedcba9876543210xyz",
    ]);
    expect(parseApiKeys("")).toEqual([]);
    expect(() => parseApiKeys("0123456789abcdef,short-secret")).toThrow(
      "STEPFLOW_API_KEYS entry 2 must be at least 16 characters without whitespace",
    );
  });

  it("reads both variables; unset means no keys", () => {
    expect(securityFromEnv({})).toEqual({ accessKeys: new Map(), apiKeys: [] });
    const security = securityFromEnv({
      STEPFLOW_ACCESS_KEYS: "AKID:secret",
      STEPFLOW_API_KEYS: "0123456789abcdef",
    });
    expect(security.accessKeys.get("AKID")).toBe("secret");
    expect(security.apiKeys).toEqual(["0123456789abcdef"]);
  });
});
