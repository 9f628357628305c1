import type { AutomatonState } from "./automaton-state.ts";
import type { EventFields } from "./event-fields.ts";
import { LeafKind } from "./event-leaf.ts";
import { FieldTransitions } from "./field-transitions.ts";
import { CheckOp, type LeafCheck } from "./leaf-check.ts";
import type { SharedValues } from "./shared-values.ts";

/**
 * The conditions a state with many of them (the root: every source) puts on one field, as matching reads
 * them: exact strings map straight to the records of the states they lead to (CompiledAutomaton), so the
 * lookup reads no state object; the other kinds go through a FieldTransitions of their own.
 */
export class CompiledField<B extends object> {
  /** Record of the state an exact string leads to, or the records when several do. */
  private readonly exact = new Map<string, number | number[]>();
  private readonly rest: FieldTransitions<AutomatonState<B>>;
  private hasRest = false;

  /** @param checks the state's conditions at `pathId`, their targets placed (`at`) */
  constructor(
    readonly pathId: number,
    checks: readonly LeafCheck<AutomatonState<B>>[],
    shared: SharedValues,
  ) {
    this.rest = new FieldTransitions(pathId, shared);
    for (const check of checks) {
      if (check.op !== CheckOp.ExactString) {
        this.rest.add(check.matcher, check.target);
        this.hasRest = true;
        continue;
      }
      const existing = this.exact.get(check.text);
      if (existing === undefined) this.exact.set(check.text, check.target.at);
      else if (Array.isArray(existing)) existing.push(check.target.at);
      else this.exact.set(check.text, [existing, check.target.at]);
    }
  }

  /**
   * Adds the records the field's leaves (or absence) lead to, to `records`, and the states the other
   * kinds lead to, to `states` (stamped with `match`, as FieldTransitions does).
   */
  collect(fields: EventFields, match: number, records: number[], states: AutomatonState<B>[]): void {
    const leaves = fields.leaves(this.pathId);
    if (this.exact.size > 0) {
      for (const leaf of leaves) {
        if (leaf.kind !== LeafKind.String) continue;
        const found = this.exact.get(leaf.text);
        if (found === undefined) continue;
        if (typeof found === "number") records.push(found);
        else records.push(...found);
      }
    }
    if (!this.hasRest) return;
    for (const leaf of leaves) this.rest.collect(leaf, match, states);
    if (this.rest.absent.length > 0 && fields.arrayLeaves(this.pathId) === leaves.length) {
      states.push(...this.rest.absent);
    }
  }
}
