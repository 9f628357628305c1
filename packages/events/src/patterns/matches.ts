import type { CompiledPattern, PatternBranch } from "./compile-pattern.ts";
import { flattenEvent, type ArrayMembership, type EventLeaf, type FlatEvent } from "./flatten-event.ts";
import { matchesLeaf, type Matcher } from "./matcher.ts";

/**
 * True when `event` matches the compiled pattern, with EventBridge's semantics: every field of some branch
 * must match, a field matches when any of its conditions matches any of the event's values there, and
 * values taken from elements of the same array must come from the same element (array-consistent matching).
 * @param event a JSON value, or the result of `parseEvent` (keeps number literals exact).
 */
export function matches(compiled: CompiledPattern, event: unknown): boolean {
  return matchesFlat(compiled, flattenEvent(event));
}

/** {@link matches} on an event flattened once with `flattenEvent` (for matching many patterns). */
export function matchesFlat(compiled: CompiledPattern, event: FlatEvent): boolean {
  return compiled.branches.some((branch) => matchesBranch(branch, event));
}

type Field = { path: string; matchers: readonly Matcher[]; allowsAbsence: boolean; needsValue: boolean };

/** True when one branch of a pattern matches a flattened event (array-consistently; see {@link matches}). */
export function matchesBranch(branch: PatternBranch, event: FlatEvent): boolean {
  const fields: Field[] = [];
  for (const [path, matchers] of branch) {
    const allowsAbsence = matchers.some((m) => m.kind === "exists" && !m.exists);
    const needsValue = matchers.some((m) => !(m.kind === "exists" && !m.exists));
    fields.push({ path, matchers, allowsAbsence, needsValue });
  }
  // Fields with fewest candidate leaves first keeps the consistency search small.
  fields.sort((a, b) => (event.get(a.path)?.length ?? 0) - (event.get(b.path)?.length ?? 0));
  return search(fields, 0, event, [], []);
}

function search(
  fields: readonly Field[],
  index: number,
  event: FlatEvent,
  membership: ArrayMembership,
  absent: readonly string[],
): boolean {
  const field = fields[index];
  if (field === undefined) {
    return absent.every(
      (path) => !(event.get(path) ?? []).some((leaf) => consistent(membership, leaf.arrays)),
    );
  }
  const leaves = event.get(field.path) ?? [];
  if (field.needsValue) {
    for (const leaf of leaves) {
      if (!field.matchers.some((m) => matchesLeaf(m, leaf.value))) continue;
      const merged = merge(membership, leaf);
      if (merged !== undefined && search(fields, index + 1, event, merged, absent)) return true;
    }
  }
  return field.allowsAbsence && search(fields, index + 1, event, membership, [...absent, field.path]);
}

function consistent(a: ArrayMembership, b: ArrayMembership): boolean {
  for (const [id, index] of b) {
    for (const [otherId, otherIndex] of a) if (id === otherId && index !== otherIndex) return false;
  }
  return true;
}

function merge(membership: ArrayMembership, leaf: EventLeaf): ArrayMembership | undefined {
  if (leaf.arrays.length === 0) return membership;
  if (!consistent(membership, leaf.arrays)) return undefined;
  const out = [...membership];
  for (const pair of leaf.arrays) if (!out.some(([id]) => id === pair[0])) out.push(pair);
  return out;
}
