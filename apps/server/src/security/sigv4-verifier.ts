import { createHash, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsError } from "../errors/aws-error.ts";
import type { AccessKeys } from "./access-keys.ts";
import { NodeSha256 } from "./node-sha256.ts";
import { parseAuthorization } from "./parse-authorization.ts";

/** The parts of an HTTP request a SigV4 signature covers. */
export interface SignedRequest {
  method: string;
  /** The request target as received: path and query (`/?a=b`). */
  url: string;
  /** Header name (lower case) → every value it was sent with. */
  headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The body exactly as received (before any JSON parsing). */
  body: Uint8Array;
}

/** Options of {@link createSigV4Verifier}. */
export interface SigV4VerifierOptions {
  accessKeys: AccessKeys;
  /** The signing name clients scope their credentials to: `states` for Step Functions. */
  service: string;
  /** Allowed distance between `x-amz-date` and the server clock (AWS: 15 minutes). */
  maxSkewMs?: number;
  now?: () => number;
}

/** Checks one request's signature; resolves when it is valid, rejects with a 403 {@link AwsError}. */
export type SigV4Verifier = (request: SignedRequest) => Promise<void>;

const MAX_QUERY_PARAMS = 64;
const FIFTEEN_MINUTES = 15 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * AWS Signature Version 4 verification (header form, `AWS4-HMAC-SHA256`): the canonical request is
 * rebuilt from the method, path, query, the headers the client listed in `SignedHeaders` and the SHA-256
 * of the raw body, signed with the secret of the presented access key by `@smithy/signature-v4`, and
 * compared in constant time. `x-amz-date` must be within 15 minutes of the server clock. Failures use
 * AWS's error types and messages, all answered with 403; no secret reaches a message.
 *
 * @example
 * const verify = createSigV4Verifier({ accessKeys: parseAccessKeys("AKID:secret"), service: "states" });
 * await verify({ method: "POST", url: "/", headers, body }); // throws AwsError when not signed right
 */
export function createSigV4Verifier(options: SigV4VerifierOptions): SigV4Verifier {
  const maxSkewMs = options.maxSkewMs ?? FIFTEEN_MINUTES;
  const now = options.now ?? Date.now;
  const signers = new Map<string, SignatureV4>();
  for (const [accessKeyId, secretAccessKey] of options.accessKeys) {
    signers.set(
      accessKeyId,
      new SignatureV4({
        credentials: { accessKeyId, secretAccessKey },
        region: "us-east-1",
        service: options.service,
        sha256: NodeSha256,
        // The client decides whether x-amz-content-sha256 is sent and signed; it is checked below.
        applyChecksum: false,
      }),
    );
  }

  return async (request) => {
    const header = only(request.headers, "authorization");
    if (header === undefined)
      throw denied("MissingAuthenticationTokenException", "Missing Authentication Token");
    const auth = parseAuthorization(header);
    if (typeof auth === "string") throw denied("IncompleteSignatureException", auth);

    if (valuesOf(request.headers, "x-amz-security-token") !== undefined) throw unrecognized();
    const amzDate = only(request.headers, "x-amz-date");
    if (amzDate === undefined || !auth.signedHeaders.includes("x-amz-date")) {
      throw denied(
        "IncompleteSignatureException",
        "Authorization header requires existence of a signed 'X-Amz-Date' header.",
      );
    }
    const signingDate = parseAmzDate(amzDate);
    if (signingDate === undefined) {
      throw denied(
        "IncompleteSignatureException",
        `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    checkSkew(signingDate, now(), maxSkewMs);
    checkScope(auth.scope, amzDate, options.service);

    const signer = signers.get(auth.accessKeyId);
    if (signer === undefined) throw unrecognized();
    if (!auth.signedHeaders.includes("host")) {
      throw denied("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }

    const bodyHash = createHash("sha256").update(request.body).digest("hex");
    const headers: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const name of auth.signedHeaders) {
      const values = valuesOf(request.headers, name);
      if (values === undefined) throw denied("InvalidSignatureException", MISMATCH);
      headers[name] = values.join(",");
    }
    const declared = headers["x-amz-content-sha256"];
    if (declared !== undefined && declared !== bodyHash) {
      throw denied(
        "InvalidSignatureException",
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }

    const target = splitTarget(request.url);
    // Smithy clones the query in O(n²); no AWS JSON request carries more than a few parameters.
    if ([...target.query.keys()].length > MAX_QUERY_PARAMS)
      throw denied("InvalidSignatureException", MISMATCH);
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: "http:",
        hostname: "localhost",
        path: safeDecode(target.path),
        query: queryOf(target.query),
        headers,
        body: request.body,
      },
      {
        signingDate,
        signingRegion: auth.scope[1]!, // checkScope made sure it is there
        signingService: options.service,
        signableHeaders: new Set(auth.signedHeaders),
      },
    );
    const expected = /Signature=([0-9a-f]+)$/.exec(String(signed.headers["authorization"]))?.[1] ?? "";
    if (!sameHex(auth.signature, expected)) throw denied("InvalidSignatureException", MISMATCH);
  };
}

function denied(type: string, message: string): AwsError {
  return new AwsError(type, message, 403);
}

function unrecognized(): AwsError {
  return denied("UnrecognizedClientException", "The security token included in the request is invalid.");
}

function valuesOf(headers: SignedRequest["headers"], name: string): readonly string[] | undefined {
  const values = Object.hasOwn(headers, name) ? headers[name] : undefined;
  return Array.isArray(values) ? values : undefined;
}

function only(headers: SignedRequest["headers"], name: string): string | undefined {
  return valuesOf(headers, name)?.join(",");
}

function parseAmzDate(text: string): Date | undefined {
  const m = AMZ_DATE.exec(text);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function basic(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function checkSkew(signingDate: Date, nowMs: number, maxSkewMs: number): void {
  const at = signingDate.getTime();
  const minutes = Math.round(maxSkewMs / 60_000);
  if (at < nowMs - maxSkewMs) {
    throw denied(
      "InvalidSignatureException",
      `Signature expired: ${basic(at)} is now earlier than ${basic(nowMs - maxSkewMs)} (${basic(nowMs)} - ${minutes} min.)`,
    );
  }
  if (at > nowMs + maxSkewMs) {
    throw denied(
      "InvalidSignatureException",
      `Signature not yet current: ${basic(at)} is still later than ${basic(nowMs + maxSkewMs)} (${basic(nowMs)} + ${minutes} min.)`,
    );
  }
}

/** `scope` is `[date, region, service, terminator]`. */
function checkScope(scope: readonly string[], amzDate: string, service: string): void {
  const [date, region, scopeService, terminator] = scope;
  if (date !== amzDate.slice(0, 8)) {
    throw denied(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from 'X-Amz-Date'.`,
    );
  }
  if (region === undefined || !/^[a-z0-9-]{1,32}$/.test(region)) {
    throw denied("InvalidSignatureException", "Credential should be scoped to a valid region.");
  }
  if (scopeService !== service) {
    throw denied(
      "InvalidSignatureException",
      `Credential should be scoped to correct service: '${service}'.`,
    );
  }
  if (terminator !== "aws4_request") {
    throw denied(
      "InvalidSignatureException",
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    );
  }
}

/**
 * Path and query of a request target in origin form (`/a?b=c`) or absolute form
 * (`http://host/a?b=c`, as sent to a proxy). Never throws, unlike `new URL` (`//` is not a valid URL).
 */
function splitTarget(url: string): { path: string; query: URLSearchParams } {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = origin === null ? url : url.slice(origin[0].length);
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  return { path: path === "" ? "/" : path, query: new URLSearchParams(q < 0 ? "" : rest.slice(q + 1)) };
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query = Object.create(null) as Record<string, string | string[]>;
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function sameHex(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && b.length > 0 && timingSafeEqual(a, b);
}
