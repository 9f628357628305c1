import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { parseAccessKeys } from "./access-keys.ts";
import { NodeSha256 } from "./node-sha256.ts";
import { createSigV4Verifier, type SignedRequest } from "./sigv4-verifier.ts";

const NOW = Date.parse("2026-03-04T05:06:07Z");
const verify = createSigV4Verifier({
  accessKeys: parseAccessKeys("AKID:s3cr3t"),
  service: "states",
  now: () => NOW,
});

/** Signs like an SDK would (path as the client had it) and returns what the server would receive. */
async function signedRequest(path: string, received: string, at = NOW, query: Record<string, string> = {}) {
  const signer = new SignatureV4({
    credentials: { accessKeyId: "AKID", secretAccessKey: "s3cr3t" },
    region: "us-east-1",
    service: "states",
    sha256: NodeSha256,
  });
  const body = new TextEncoder().encode('{"a":1}');
  const signed = await signer.sign(
    { method: "POST", protocol: "http:", hostname: "h", path, query, headers: { host: "h:1" }, body },
    { signingDate: new Date(at) },
  );
  const headers: SignedRequest["headers"] = Object.fromEntries(
    Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), [v]]),
  );
  return { method: "POST", url: received, headers, body };
}

describe("createSigV4Verifier", () => {
  it.each([
    ["origin form", "/", "/"],
    ["absolute form (sent to a proxy)", "/", "http://sync-h:1/"],
    ["absolute form without a path", "/", "http://h:1"],
    ["a query", "/", "/?b=2&a=1"],
    ["a path that is not a URL, normalised as SigV4 does", "/", "//"],
  ])("accepts %s", async (_what, path, received) => {
    const query = received.includes("?") ? { b: "2", a: "1" } : {};
    await expect(verify(await signedRequest(path, received, NOW, query))).resolves.toBeUndefined();
  });

  it.each([
    ["a different path", "/other"],
    ["an extra query parameter", "/?x=1"],
  ])("refuses %s without throwing anything but a 403", async (_what, received) => {
    await expect(verify(await signedRequest("/", received))).rejects.toMatchObject({
      type: "InvalidSignatureException",
      status: 403,
    });
  });

  it.each([
    [-15 * 60_000, true],
    [15 * 60_000, true],
    [-15 * 60_000 - 1000, false],
    [15 * 60_000 + 1000, false],
  ])("signing time %d ms from now accepted: %s", async (offset, accepted) => {
    const result = verify(await signedRequest("/", "/", NOW + offset));
    if (accepted) await expect(result).resolves.toBeUndefined();
    else await expect(result).rejects.toMatchObject({ type: "InvalidSignatureException", status: 403 });
  });

  it("says when a signature expired, as AWS does", async () => {
    await expect(verify(await signedRequest("/", "/", NOW - 20 * 60_000))).rejects.toThrow(
      "Signature expired: 20260304T044607Z is now earlier than 20260304T045107Z (20260304T050607Z - 15 min.)",
    );
  });

  it("refuses a prototype key as a signed header without crashing", async () => {
    const request = await signedRequest("/", "/");
    const auth = request.headers["authorization"]![0]!.replace("SignedHeaders=", "SignedHeaders=__proto__;");
    await expect(
      verify({ ...request, headers: { ...request.headers, authorization: [auth] } }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
