import type { EventFields } from "./event-fields.ts";

/** A field of a branch as the consistency check sees it. */
export type BranchField = { readonly pathId: number; readonly allowsAbsence: boolean };

/**
 * Whether a branch the automaton accepted must be re-checked with array-consistent matching. The
 * automaton satisfies each field on its own, which is exact unless the choice of leaves matters: when two
 * or more of the branch's fields have leaves in arrays (they might come from different elements), or
 * when a field that may be absent has leaves (absence then depends on which elements the other fields
 * used). Events whose matched fields hold no arrays, nearly all of them, skip the re-check.
 * @param mayBeAbsent whether some field of the branch allows absence (`exists: false`)
 */
export function needsConsistencyCheck(
  fields: readonly BranchField[],
  mayBeAbsent: boolean,
  event: EventFields,
): boolean {
  if (!mayBeAbsent && !event.hasArrayLeaves) return false;
  let inArrays = 0;
  for (const field of fields) {
    if (field.allowsAbsence && event.leaves(field.pathId).length > 0) return true;
    if (event.arrayLeaves(field.pathId) > 0 && ++inArrays >= 2) return true;
  }
  return false;
}
