import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  compilePattern,
  createPatternIndex,
  matches,
  parseEvent,
  transformTarget,
  validateTarget,
} from "../src/index.ts";

const DIR = "/work/shared/conformance/event-patterns";

type Expected =
  | { result: boolean }
  | { error: string; message?: string; phase?: string }
  | { output: string; compare: "exact" | "json" };

type Case = {
  id: string;
  kind: "event-pattern" | "input-transformer";
  category: string;
  pattern?: string;
  event: string;
  rulePattern?: string;
  inputPath?: string;
  inputPathsMap?: Record<string, string>;
  inputTemplate?: string;
  context?: Record<string, string>;
  expected: Expected;
};

const cases: Case[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as Case);

/** Runs one case; returns undefined when it passes, otherwise what differed. */
function run(c: Case): string | undefined {
  const expected = c.expected;
  if (c.kind === "event-pattern") {
    let actual: { result: boolean } | { error: string; message: string };
    try {
      const compiled = compilePattern(c.pattern ?? "");
      actual = { result: matches(compiled, parseEvent(c.event)) };
    } catch (error) {
      const e = error as Error & { code?: string };
      actual = { error: e.code ?? e.name, message: e.message.split("\n")[0] ?? "" };
    }
    if ("result" in expected) {
      return "result" in actual && actual.result === expected.result
        ? undefined
        : `expected result ${String(expected.result)}, got ${JSON.stringify(actual)}`;
    }
    if ("error" in expected) {
      if (!("error" in actual) || actual.error !== expected.error) {
        return `expected ${expected.error}, got ${JSON.stringify(actual)}`;
      }
      if (expected.message !== undefined && actual.message !== expected.message) {
        return `message: expected ${JSON.stringify(expected.message)}, got ${JSON.stringify(actual.message)}`;
      }
      return undefined;
    }
    return "unknown expectation";
  }
  const target = {
    ...(c.inputPath === undefined ? {} : { InputPath: c.inputPath }),
    ...(c.inputTemplate === undefined
      ? {}
      : { InputTransformer: { InputPathsMap: c.inputPathsMap ?? {}, InputTemplate: c.inputTemplate } }),
  };
  const ctx = c.context ?? {};
  try {
    validateTarget(target);
  } catch (error) {
    const e = error as Error & { code?: string };
    if ("error" in expected && expected.phase === "PutTargets" && e.code === expected.error) {
      return expected.message === undefined || expected.message === e.message
        ? undefined
        : `message: expected ${JSON.stringify(expected.message)}, got ${JSON.stringify(e.message)}`;
    }
    return `PutTargets rejected: ${e.code ?? ""} ${e.message}`;
  }
  if ("error" in expected && expected.phase === "PutTargets") return "PutTargets accepted the target";
  if (c.rulePattern !== undefined && !matches(compilePattern(c.rulePattern), parseEvent(c.event))) {
    return "rule pattern does not match the event";
  }
  const outcome = transformTarget(target, JSON.parse(c.event), {
    ruleArn: ctx.ruleArn ?? "",
    ruleName: ctx.ruleName ?? "",
    ingestionTime: ctx.time ?? "",
  });
  if ("error" in expected) {
    return !outcome.delivered && expected.error === "NotDelivered"
      ? undefined
      : `expected ${expected.error}, got ${JSON.stringify(outcome)}`;
  }
  if (!("output" in expected)) return "unknown expectation";
  if (!outcome.delivered) return `expected delivery, got ${outcome.reason}`;
  if (expected.compare === "exact") {
    return outcome.payload === expected.output
      ? undefined
      : `expected ${JSON.stringify(expected.output)}, got ${JSON.stringify(outcome.payload)}`;
  }
  try {
    expect(JSON.parse(outcome.payload)).toEqual(JSON.parse(expected.output));
    return undefined;
  } catch {
    return `expected JSON ${expected.output}, got ${outcome.payload}`;
  }
}

const results = new Map<string, { category: string; failure: string | undefined }>();

describe("EventBridge event-pattern conformance through one rule index", () => {
  // Every valid pattern of the corpus as a rule of one bus: an event must match its own case's rule
  // exactly when AWS said it matches, with all the other rules present.
  const matchCases = cases.filter(
    (c): c is Case & { pattern: string } =>
      c.kind === "event-pattern" && c.pattern !== undefined && "result" in c.expected,
  );
  const index = createPatternIndex();
  for (const c of matchCases) index.add(c.id, compilePattern(c.pattern));

  it.each(matchCases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const expected = (c.expected as { result: boolean }).result;
    expect(index.match(parseEvent(c.event)).includes(c.id)).toBe(expected);
  });
});

describe("EventBridge event-pattern conformance", () => {
  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    let failure: string | undefined;
    try {
      failure = run(c);
    } catch (error) {
      failure = `threw ${String(error)}`;
    }
    results.set(c.id, { category: c.category, failure });
    expect(failure, c.id).toBeUndefined();
  });

  afterAll(() => {
    const lines: string[] = [];
    const table = new Map<string, { passed: number; failed: number }>();
    let passed = 0;
    let failed = 0;
    for (const [id, r] of results) {
      const row = table.get(r.category) ?? { passed: 0, failed: 0 };
      if (r.failure === undefined) {
        row.passed++;
        passed++;
      } else {
        row.failed++;
        failed++;
        lines.push(`FAIL ${id}: ${r.failure}`);
      }
      table.set(r.category, row);
    }
    lines.push("", "category            passed  failed");
    for (const [category, row] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${category.padEnd(20)}${String(row.passed).padStart(6)}${String(row.failed).padStart(8)}`);
    }
    lines.push(`${passed} passed, ${failed} failed`);
    console.log(lines.join("\n"));
  });
});
