import { AutomatonState, type Edge, type IndexedStep } from "./automaton-state.ts";
import { CompiledAutomaton, type PayloadInfo } from "./compiled-automaton.ts";
import type { EventFields } from "./event-fields.ts";
import { removeOne } from "./reachable.ts";
import { SharedValues } from "./shared-values.ts";

export type { IndexedStep } from "./automaton-state.ts";
export type { PayloadInfo } from "./compiled-automaton.ts";

/**
 * Every branch of every rule of an index compiled into one automaton, in event-ruler's manner. A branch
 * is a path from the root through one state per field (most selective field first, see branchSteps);
 * branches with a common beginning share states. An event walks from the root, each reached state
 * testing or looking up the event's leaves at its fields, so the work done is proportional to the states
 * the event actually reaches, not to the number of rules.
 *
 * The walk treats each field on its own: a branch it accepts has a satisfying leaf per field, but when
 * those leaves sit in arrays they may come from different elements, which EventBridge's array-consistent
 * matching rejects. The caller re-checks such branches (see `needsConsistencyCheck`).
 */
export class RuleAutomaton<B extends object> {
  private readonly root = new AutomatonState<B>();
  private readonly shared = new SharedValues();
  private epoch = 0;
  /** The states as matching reads them, built at the first match after a change. */
  private compiled: CompiledAutomaton<B> | undefined;

  /** @param describe what reporting a payload needs (read when the automaton is laid out for matching) */
  constructor(private readonly describe: (payload: B) => PayloadInfo) {}

  /**
   * Adds a branch, to be reported as `payload` when it matches. Returns the steps as the automaton holds
   * them (shared with branches that begin alike), to keep for {@link remove} in place of `steps`.
   */
  add(steps: readonly IndexedStep[], payload: B): IndexedStep[] {
    this.compiled = undefined;
    let state = this.root;
    const held: IndexedStep[] = [];
    for (const step of steps) {
      let edge = state.edges?.get(step.key);
      if (edge === undefined) {
        edge = { step, target: new AutomatonState<B>(), branches: 0 };
        (state.edges ??= new Map()).set(step.key, edge);
        for (const matcher of step.matchers)
          state.addCondition(step.pathId, matcher, edge.target, this.shared);
      }
      edge.branches++;
      held.push(edge.step);
      state = edge.target;
    }
    if (state.accepting === undefined) state.accepting = payload;
    else if (Array.isArray(state.accepting)) state.accepting.push(payload);
    else state.accepting = [state.accepting, payload];
    return held;
  }

  /** Removes a branch added with the same steps and payload; states no branch uses any more are dropped. */
  remove(steps: readonly IndexedStep[], payload: B): void {
    this.compiled = undefined;
    const path: { from: AutomatonState<B>; edge: Edge<B> }[] = [];
    let state = this.root;
    for (const step of steps) {
      const edge = state.edges?.get(step.key);
      if (edge === undefined) return;
      path.push({ from: state, edge });
      state = edge.target;
    }
    const accepting = state.accepting;
    if (accepting === payload) state.accepting = undefined;
    else if (Array.isArray(accepting) && removeOne(accepting, payload)) {
      if (accepting.length === 1) state.accepting = accepting[0];
    } else return;
    for (const { from, edge } of path) {
      if (--edge.branches > 0) continue;
      from.edges?.delete(edge.step.key);
      // The conditions were registered with the matcher objects of the edge's first branch.
      for (const matcher of edge.step.matchers) from.removeCondition(edge.step.pathId, matcher, edge.target);
    }
  }

  /**
   * Adds to `out` the numbers of the payloads of the branches whose every field `fields` satisfies
   * (arrays aside); the numbers hold until the next change, read them with the methods below.
   */
  run(fields: EventFields, out: number[]): CompiledAutomaton<B> {
    this.compiled ??= new CompiledAutomaton(this.root, this.epoch, this.shared, this.describe);
    this.compiled.run(fields, ++this.epoch, out);
    return this.compiled;
  }
}
