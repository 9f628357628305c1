import type { PatternBranch } from "../patterns/compile-pattern.ts";
import type { Matcher } from "../patterns/matcher.ts";

/** One field of a branch as a step of the automaton: its path, its any-of conditions, and a key naming both. */
export type BranchStep = {
  readonly path: string;
  readonly matchers: readonly Matcher[];
  /** Equal for steps with the same path and the same conditions, so branches starting alike share states. */
  readonly key: string;
};

/**
 * How few values a condition lets through, roughly: exact values first, then prefixes, ranges,
 * anything-but / exists: true, and absence last. Taking the most selective fields first means an event
 * leaves the automaton's root only towards the few rules sharing one of its exact values.
 */
function selectivity(matcher: Matcher): number {
  switch (matcher.kind) {
    case "exact-string":
    case "exact-number":
    case "exact-literal":
      return 0;
    case "prefix":
    case "equals-ignore-case":
      return 1;
    case "ip":
    case "numeric":
    case "suffix":
    case "wildcard":
      return 2;
    case "exists":
      return matcher.exists ? 3 : 4;
    default:
      return 3;
  }
}

/** Fields nearly every rule pins, taken first among equally selective ones so that rules share states. */
const ENVELOPE_FIRST = ["source", "detail-type"];

/**
 * The fields of a branch as automaton steps, most selective first (then `source`, `detail-type`, then by
 * path, so the order is the same for every rule). Any order gives the same matches: a branch matches when
 * each of its fields does, and array consistency is checked apart.
 */
export function branchSteps(branch: PatternBranch): BranchStep[] {
  const steps = [...branch].map(([path, matchers]) => ({
    path,
    matchers,
    key: `${path}\u0000${matchers.map(matcherKey).sort().join("\u0000")}`,
    rank: Math.max(...matchers.map(selectivity)),
    envelope: ENVELOPE_FIRST.includes(path) ? ENVELOPE_FIRST.indexOf(path) : ENVELOPE_FIRST.length,
  }));
  steps.sort(
    (a, b) => a.rank - b.rank || a.envelope - b.envelope || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return steps.map(({ path, matchers, key }) => ({ path, matchers, key }));
}

/** A canonical text of a condition: equal for equal conditions (sets in sorted order, bigints as text). */
function matcherKey(matcher: Matcher): string {
  return JSON.stringify(matcher, (_key, value: unknown) => {
    if (value instanceof Set) return [...(value as Set<unknown>)].map(String).sort();
    return typeof value === "bigint" ? value.toString() : value;
  });
}
