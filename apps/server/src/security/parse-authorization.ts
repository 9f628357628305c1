/** The parts of a SigV4 `Authorization` header. */
export interface SigV4Authorization {
  accessKeyId: string;
  /** `[date, region, service, terminator]` of `Credential=<id>/<date>/<region>/<service>/aws4_request`. */
  scope: readonly string[];
  /** Lower-case header names, in the order given. */
  signedHeaders: readonly string[];
  signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/states/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<hex>`. Returns AWS's IncompleteSignatureException message
 * instead when a part is missing or malformed.
 */
export function parseAuthorization(header: string): SigV4Authorization | string {
  const space = header.indexOf(" ");
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return `Authorization header requires the '${ALGORITHM}' algorithm. Authorization=${clip(header)}`;
  }
  const params = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !params.get(name));
  if (missing.length > 0) {
    const needs = missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ");
    return `${needs} Authorization=${clip(header)}`;
  }
  const credential = params.get("Credential")!.split("/");
  const signedHeaders = params.get("SignedHeaders")!.split(";");
  const signature = params.get("Signature")!;
  if (credential.length !== 5 || credential[0] === "") {
    return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${clip(params.get("Credential")!)}'`;
  }
  if (!signedHeaders.every((name) => HEADER_NAME.test(name))) {
    return `SignedHeaders must be lower-case header names separated by ';'. Authorization=${clip(header)}`;
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    return `Signature must be 64 lower-case hexadecimal digits. Authorization=${clip(header)}`;
  }
  return { accessKeyId: credential[0]!, scope: credential.slice(1), signedHeaders, signature };
}

function clip(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}...` : text;
}
