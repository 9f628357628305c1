/** Headers an HTTP Task definition may not set (AWS "HTTP Task fields", Headers); lower case. */
const FORBIDDEN = new Set([
  "a-im",
  "accept-charset",
  "accept-datetime",
  "accept-encoding",
  "authorization",
  "cache-control",
  "connection",
  "content-encoding",
  "content-md5",
  "date",
  "expect",
  "forwarded",
  "from",
  "host",
  "http2-settings",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "max-forwards",
  "origin",
  "pragma",
  "proxy-authorization",
  "referer",
  "server",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "via",
  "warning",
]);

const FORBIDDEN_PREFIXES = ["x-forwarded-", "x-amz-", "x-amzn-"];

/**
 * True for a header the task may not set: AWS fails such a task with States.Runtime. Credentials belong in
 * the EventBridge connection, whose headers are not subject to this list.
 */
export function forbiddenHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN.has(lower) || FORBIDDEN_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
