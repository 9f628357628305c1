import type { AutomatonState } from "./automaton-state.ts";
import type { EventFields } from "./event-fields.ts";
import { LeafKind } from "./event-leaf.ts";
import { ExactTextTable } from "./exact-text-table.ts";
import { FieldTransitions } from "./field-transitions.ts";
import { CheckOp, type LeafCheck } from "./leaf-check.ts";
import type { SharedValues } from "./shared-values.ts";

/**
 * The conditions a state with many of them (the root: every source) puts on one field, as matching reads
 * them: exact strings map straight to the records of the states they lead to (CompiledAutomaton), in an
 * ExactTextTable, so the lookup reads about one memory line and no state object; the other kinds go
 * through a FieldTransitions of their own.
 */
export class CompiledField<B extends object> {
  /** Record of the state an exact string leads to, or -2 - i when several do: the records are lists[i]. */
  private readonly exact: ExactTextTable;
  private readonly lists: number[][] = [];
  private readonly hasExact: boolean;
  private readonly rest: FieldTransitions<AutomatonState<B>>;
  private hasRest = false;

  /** @param checks the state's conditions at `pathId`, their targets placed (`at`) */
  constructor(
    readonly pathId: number,
    checks: readonly LeafCheck<AutomatonState<B>>[],
    shared: SharedValues,
  ) {
    this.rest = new FieldTransitions(pathId, shared);
    const exact = new Map<string, number | number[]>();
    for (const check of checks) {
      if (check.op !== CheckOp.ExactString) {
        this.rest.add(check.matcher, check.target);
        this.hasRest = true;
        continue;
      }
      const existing = exact.get(check.text);
      if (existing === undefined) exact.set(check.text, check.target.at);
      else if (Array.isArray(existing)) existing.push(check.target.at);
      else exact.set(check.text, [existing, check.target.at]);
    }
    const values = new Map<string, number>();
    for (const [text, records] of exact) {
      if (typeof records === "number") values.set(text, records);
      else values.set(text, -2 - (this.lists.push(records) - 1));
    }
    this.exact = new ExactTextTable(values);
    this.hasExact = values.size > 0;
  }

  /**
   * Adds the records the field's leaves (or absence) lead to, to `records`, and the states the other
   * kinds lead to, to `states` (stamped with `match`, as FieldTransitions does).
   */
  collect(fields: EventFields, match: number, records: number[], states: AutomatonState<B>[]): void {
    const leaves = fields.leaves(this.pathId);
    if (this.hasExact) {
      for (const leaf of leaves) {
        if (leaf.kind !== LeafKind.String) continue;
        const found = this.exact.get(leaf.text);
        if (found >= 0) records.push(found);
        else if (found < -1) records.push(...this.lists[-2 - found]!);
      }
    }
    if (!this.hasRest) return;
    for (const leaf of leaves) this.rest.collect(leaf, match, states);
    if (this.rest.absent.length > 0 && fields.arrayLeaves(this.pathId) === leaves.length) {
      states.push(...this.rest.absent);
    }
  }
}
