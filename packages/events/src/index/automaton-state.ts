import type { Matcher } from "../patterns/matcher.ts";
import type { BranchStep } from "./branch-steps.ts";
import { LeafCheck } from "./leaf-check.ts";
import type { Reachable, Targets } from "./reachable.ts";
import type { SharedValues } from "./shared-values.ts";

/** A step with the id of its path in the event's fields. */
export type IndexedStep = BranchStep & { readonly pathId: number };

/** A transition out of a state, shared by every branch taking the same step from there. */
export type Edge<B extends object> = {
  readonly step: IndexedStep;
  readonly target: AutomatonState<B>;
  branches: number;
};

/** One condition out of a state, tested on its own while the state has few. */
type StateCheck<B extends object> = LeafCheck<AutomatonState<B>>;

/**
 * A node of the trie of branches' step sequences: the branches ending here and the conditions leading
 * on, as adding and removing rules edit them. Matching reads them laid out flat (CompiledAutomaton): most
 * states (a rule's own tail) have a handful of conditions, tested in turn from the state's record; a state
 * that many rules leave from (the root, a popular source) indexes its conditions by value per field.
 */
export class AutomatonState<B extends object> implements Reachable {
  seen = 0;
  /** Payloads (not arrays) of the branches ending here: one held directly, as a value index's targets. */
  accepting: Targets<B> | undefined;
  /**
   * Transitions by step key, for adding and removing branches (matching never reads them); created with
   * the first, as most states are a rule's last and have none.
   */
  edges: Map<string, Edge<B>> | undefined;
  /** The conditions leading on, in the order they were added. */
  readonly checks: StateCheck<B>[] = [];
  /** Where the state's record starts in the last CompiledAutomaton built. */
  at = -1;

  /** Makes a leaf at `pathId` satisfying `matcher` (or, for `exists: false`, its absence) lead to `target`. */
  addCondition(pathId: number, matcher: Matcher, target: AutomatonState<B>, shared: SharedValues): void {
    this.checks.push(new LeafCheck(matcher, pathId, target, shared));
  }

  /** Undoes {@link addCondition} with the same condition object and target. */
  removeCondition(pathId: number, matcher: Matcher, target: AutomatonState<B>): void {
    const at = this.checks.findIndex(
      (c) => c.pathId === pathId && c.matcher === matcher && c.target === target,
    );
    if (at >= 0) this.checks.splice(at, 1);
  }
}
