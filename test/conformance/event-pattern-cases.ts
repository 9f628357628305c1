import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { conformanceDir } from "./conformance-dir.ts";

/** What AWS answered for a case (see shared/conformance/event-patterns/README.md). */
export type EventPatternExpected =
  | { result: boolean }
  | { error: string; message?: string; phase?: string }
  | { output: string; compare: "exact" | "json" };

/** One recorded EventBridge case: a TestEventPattern call, or a rule target's InputPath / InputTransformer. */
export interface EventPatternCase {
  id: string;
  kind: "event-pattern" | "input-transformer";
  category: string;
  pattern?: string;
  event: string;
  rulePattern?: string;
  inputPath?: string | null;
  inputPathsMap?: Record<string, string> | null;
  inputTemplate?: string | null;
  /** Account, region, bus, rule name / ARN, event id and time the recorded output was normalised to. */
  context?: Record<string, string>;
  expected: EventPatternExpected;
}

/** Every case of `<conformance>/event-patterns`, sorted by file name. */
export function loadEventPatternCases(): EventPatternCase[] {
  const dir = join(conformanceDir(), "event-patterns");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as EventPatternCase);
}

/** What a TestEventPattern call gave: a Result, or an error code with the first line of its message. */
export type PatternOutcome = { result: boolean } | { error: string; message: string };

/**
 * Compares a TestEventPattern outcome with an event-pattern case's expectation: the Result, or the error
 * code and (when recorded) the first line of AWS's message. Returns a short diff or undefined.
 */
export function patternMismatch(expected: EventPatternExpected, actual: PatternOutcome): string | undefined {
  if ("result" in expected) {
    return "result" in actual && actual.result === expected.result
      ? undefined
      : `expected result ${String(expected.result)}, got ${JSON.stringify(actual)}`;
  }
  if ("error" in expected) {
    if (!("error" in actual) || actual.error !== expected.error)
      return `expected ${expected.error}, got ${JSON.stringify(actual)}`;
    if (expected.message !== undefined && actual.message !== expected.message)
      return `message: expected ${JSON.stringify(expected.message)}, got ${JSON.stringify(actual.message)}`;
    return undefined;
  }
  return `an event-pattern case cannot expect ${JSON.stringify(expected)}`;
}
