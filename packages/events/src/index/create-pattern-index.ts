import type { CompiledPattern, PatternBranch } from "../patterns/compile-pattern.ts";
import { flattenEvent, pathPrefixes } from "../patterns/flatten-event.ts";
import { matchesFlat } from "../patterns/matches.ts";

/** A set of rules that finds the rules matching an event without testing every rule. */
export type PatternIndex = {
  /** Adds (or replaces) a rule. */
  add(ruleId: string, compiled: CompiledPattern): void;
  /** Removes a rule; unknown ids are ignored. */
  remove(ruleId: string): void;
  /** Ids of the rules matching `event`, in the order they were added. */
  match(event: unknown): string[];
  /** Number of rules held. */
  readonly size: number;
};

/** Fields preferred as index keys: every EventBridge event has them and rules usually pin them. */
const PREFERRED_KEYS = ["source", "detail-type"];

type Entry = {
  order: number;
  compiled: CompiledPattern;
  keys: { path: string; values: string[] }[] | undefined;
};

/**
 * Creates an empty rule index. Each branch of a rule is filed under the values of one exact-string field
 * (source or detail-type when present); an event only looks up the values it carries, then the few
 * candidate rules are verified in full. Branches with no exact-string field are checked for every event.
 * @example
 * const index = createPatternIndex();
 * index.add("r1", compilePattern('{"source": ["orders"]}'));
 * index.match({ source: "orders" }); // ["r1"]
 */
export function createPatternIndex(): PatternIndex {
  const rules = new Map<string, Entry>();
  // path → value → rule ids whose branch is keyed there
  const keyed = new Map<string, Map<string, Set<string>>>();
  const unkeyed = new Set<string>();
  // Paths the held rules name, with their prefixes, counted per branch field: match() flattens only these.
  const wanted = new Map<string, number>();
  const wantedPaths = new Set<string>();
  let counter = 0;

  const want = (compiled: CompiledPattern, delta: 1 | -1): void => {
    for (const branch of compiled.branches) {
      for (const path of branch.keys()) {
        for (const prefix of pathPrefixes(path)) {
          const count = (wanted.get(prefix) ?? 0) + delta;
          if (count === 0) {
            wanted.delete(prefix);
            wantedPaths.delete(prefix);
          } else {
            wanted.set(prefix, count);
            wantedPaths.add(prefix);
          }
        }
      }
    }
  };

  const file = (ruleId: string, entry: Entry): void => {
    if (entry.keys === undefined) {
      unkeyed.add(ruleId);
      return;
    }
    for (const { path, values } of entry.keys) {
      const byValue = keyed.get(path) ?? new Map<string, Set<string>>();
      keyed.set(path, byValue);
      for (const value of values) {
        const ids = byValue.get(value) ?? new Set<string>();
        ids.add(ruleId);
        byValue.set(value, ids);
      }
    }
  };

  const unfile = (ruleId: string, entry: Entry): void => {
    unkeyed.delete(ruleId);
    for (const { path, values } of entry.keys ?? []) {
      const byValue = keyed.get(path);
      for (const value of values) {
        const ids = byValue?.get(value);
        ids?.delete(ruleId);
        if (ids?.size === 0) byValue?.delete(value);
      }
      if (byValue?.size === 0) keyed.delete(path);
    }
  };

  return {
    add(ruleId, compiled) {
      const previous = rules.get(ruleId);
      if (previous !== undefined) {
        unfile(ruleId, previous);
        want(previous.compiled, -1);
      }
      const keys = compiled.branches.map(branchKey);
      const entry: Entry = {
        order: previous?.order ?? counter++,
        compiled,
        keys: keys.some((k) => k === undefined) ? undefined : (keys as { path: string; values: string[] }[]),
      };
      rules.set(ruleId, entry);
      file(ruleId, entry);
      want(compiled, 1);
    },
    remove(ruleId) {
      const entry = rules.get(ruleId);
      if (entry === undefined) return;
      unfile(ruleId, entry);
      want(entry.compiled, -1);
      rules.delete(ruleId);
    },
    match(event) {
      const flat = flattenEvent(event, wantedPaths);
      const candidates = new Set(unkeyed);
      for (const [path, byValue] of keyed) {
        for (const leaf of flat.get(path) ?? []) {
          if (leaf.value.kind !== "string") continue;
          for (const id of byValue.get(leaf.value.value) ?? []) candidates.add(id);
        }
      }
      const matched: { id: string; order: number }[] = [];
      for (const id of candidates) {
        const entry = rules.get(id);
        if (entry !== undefined && matchesFlat(entry.compiled, flat))
          matched.push({ id, order: entry.order });
      }
      return matched.sort((a, b) => a.order - b.order).map((m) => m.id);
    },
    get size() {
      return rules.size;
    },
  };
}

/** The field a branch is filed under: one whose conditions are all exact strings. */
function branchKey(branch: PatternBranch): { path: string; values: string[] } | undefined {
  let best: { path: string; values: string[] } | undefined;
  for (const [path, matchers] of branch) {
    if (matchers.length === 0 || !matchers.every((m) => m.kind === "exact-string")) continue;
    const values = matchers.map((m) => (m.kind === "exact-string" ? m.value : ""));
    const preferred = PREFERRED_KEYS.includes(path);
    if (
      best === undefined ||
      preferred ||
      (!PREFERRED_KEYS.includes(best.path) && values.length < best.values.length)
    ) {
      best = { path, values };
      if (path === PREFERRED_KEYS[0]) break;
    }
  }
  return best;
}
