import { JsonNumber } from "@stepflow/asl";

/**
 * Compares an actual value with a recorded expectation by JSON value: numbers by value, object keys in any
 * order, arrays in order. Strings in the expectation may hold `{{ph:NAME}}` placeholders, which match any
 * non-empty text; one NAME matches the same text everywhere in a case. Returns a short diff or undefined.
 */
export function mismatch(
  expected: unknown,
  actual: unknown,
  bound = new Map<string, string>(),
  at = "$",
): string | undefined {
  if (typeof expected === "string") {
    if (typeof actual !== "string")
      return `${at}: expected string ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    return matchPlaceholders(expected, actual, bound)
      ? undefined
      : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at}: expected array, got ${JSON.stringify(actual)}`;
    if (expected.length !== actual.length)
      return `${at}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const diff = mismatch(expected[i], actual[i], bound, `${at}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual))
      return `${at}: expected object, got ${JSON.stringify(actual)}`;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e).filter((k) => !(k in a));
    const extra = Object.keys(a).filter((k) => !(k in e));
    if (missing.length || extra.length)
      return `${at}: keys differ (missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)})`;
    for (const key of Object.keys(e)) {
      const diff = mismatch(e[key], a[key], bound, `${at}.${key}`);
      if (diff) return diff;
    }
    return undefined;
  }
  // A lexeme such as 1.0 reaches the output as a JsonNumber; the recording was read with JSON.parse.
  const value = actual instanceof JsonNumber ? actual.valueOf() : actual;
  return expected === value
    ? undefined
    : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function matchPlaceholders(expected: string, actual: string, bound: Map<string, string>): boolean {
  const parts = expected.split(/(\{\{ph:[^}]+\}\})/);
  if (parts.length === 1) return expected === actual;
  const names: string[] = [];
  const pattern = parts
    .map((part) => {
      const name = /^\{\{ph:([^}]+)\}\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const known = bound.get(name);
      if (known !== undefined) return known.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "(.+?)";
    })
    .join("");
  const found = new RegExp(`^${pattern}$`, "s").exec(actual);
  if (!found) return false;
  names.forEach((name, i) => bound.set(name, found[i + 1]!));
  return true;
}

/** Compares a run's outcome with a case's expectation. */
export function outcomeMismatch(
  expected: { status: string; output?: unknown; error?: string; cause?: unknown },
  actual: { status: string; output?: unknown; error?: string | undefined; cause?: string | undefined },
): string | undefined {
  if (expected.status !== actual.status) {
    return `status: expected ${expected.status}, got ${actual.status} ${JSON.stringify({ error: actual.error, cause: actual.cause, output: actual.output })}`;
  }
  if (expected.status === "SUCCEEDED") return mismatch(expected.output, actual.output);
  const bound = new Map<string, string>();
  if ((expected.error ?? undefined) !== (actual.error ?? undefined)) {
    return `error: expected ${JSON.stringify(expected.error)}, got ${JSON.stringify(actual.error)} (cause ${JSON.stringify(actual.cause)})`;
  }
  if (expected.cause === undefined || expected.cause === null) {
    return actual.cause === undefined
      ? undefined
      : `cause: expected none, got ${JSON.stringify(actual.cause)}`;
  }
  if (typeof expected.cause === "string") return mismatch(expected.cause, actual.cause, bound, "cause");
  let parsed: unknown;
  try {
    parsed = JSON.parse(actual.cause ?? "");
  } catch {
    return `cause: expected JSON ${JSON.stringify(expected.cause)}, got ${JSON.stringify(actual.cause)}`;
  }
  return mismatch(expected.cause, parsed, bound, "cause");
}
