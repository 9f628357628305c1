import { describe, expect, it } from "vitest";
import { parseAuthorization } from "./parse-authorization.ts";

const SIG = "a".repeat(64);

describe("parseAuthorization", () => {
  it("reads the SDK's header form (with or without spaces after commas)", () => {
    for (const sep of [", ", ","]) {
      const header = `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws4_request${sep}SignedHeaders=host;x-amz-date${sep}Signature=${SIG}`;
      expect(parseAuthorization(header)).toEqual({
        accessKeyId: "AKID",
        scope: ["20240101", "us-east-1", "states", "aws4_request"],
        signedHeaders: ["host", "x-amz-date"],
        signature: SIG,
      });
    }
  });

  it.each([
    ["Bearer abc", "requires the 'AWS4-HMAC-SHA256' algorithm"],
    ["AWS4-HMAC-SHA256", "requires 'Credential' parameter."],
    ["AWS4-HMAC-SHA256 Credential=A/b/c/d/e", "requires 'Signature' parameter."],
    [`AWS4-HMAC-SHA256 Credential=A/b/c, SignedHeaders=host, Signature=${SIG}`, "exactly 5 slash-delimited"],
    [
      `AWS4-HMAC-SHA256 Credential=A/b/c/d/e, SignedHeaders=Host, Signature=${SIG}`,
      "lower-case header names",
    ],
    ["AWS4-HMAC-SHA256 Credential=A/b/c/d/e, SignedHeaders=host, Signature=XYZ", "64 lower-case hexadecimal"],
  ])("explains what is wrong with %j", (header, message) => {
    const parsed = parseAuthorization(header);
    expect(typeof parsed).toBe("string");
    expect(parsed).toContain(message);
  });
});
