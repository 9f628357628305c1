import type { Matcher } from "../patterns/matcher.ts";
import type { BranchStep } from "./branch-steps.ts";
import type { EventFields } from "./event-fields.ts";
import { FieldTransitions } from "./field-transitions.ts";
import { CheckOp, comparesText, LeafCheck, passes, passesText } from "./leaf-check.ts";
import { reach, reachAll, type Reachable, type Targets } from "./reachable.ts";
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

/** From this many conditions a state indexes them per field; below half of it, it tests them in turn. */
const INDEX_FROM = 12;

/**
 * A node of the trie of branches' step sequences: the branches ending here and the conditions leading
 * on. Most states (a rule's own tail) have a handful of conditions, tested in turn from one small array,
 * which keeps an event's walk over thousands of rules to few memory lines per state; a state that many
 * rules leave from (the root, a popular source) indexes its conditions by value per field instead.
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
  private checks: StateCheck<B>[] = [];
  /**
   * The checks as one flat table, {@link TABLE_STRIDE} slots each (op, path id, text, check): what a visit
   * reads. A text comparison needs nothing else, and a check object is read only for other kinds or once
   * it passed; with thousands of rules each object read is a likely cache miss.
   */
  private table: unknown[] = [];
  private indexed: FieldTransitions<AutomatonState<B>>[] | undefined;

  /** Makes a leaf at `pathId` satisfying `matcher` (or, for `exists: false`, its absence) lead to `target`. */
  addCondition(pathId: number, matcher: Matcher, target: AutomatonState<B>, shared: SharedValues): void {
    this.checks.push(new LeafCheck(matcher, pathId, target, shared));
    this.table = tableOf(this.checks);
    if (this.indexed !== undefined) fieldOf(this.indexed, pathId, shared).add(matcher, target);
    else if (this.checks.length >= INDEX_FROM) this.indexed = indexChecks(this.checks, shared);
  }

  /** Undoes {@link addCondition} with the same condition object and target. */
  removeCondition(pathId: number, matcher: Matcher, target: AutomatonState<B>): void {
    const at = this.checks.findIndex(
      (c) => c.pathId === pathId && c.matcher === matcher && c.target === target,
    );
    if (at < 0) return;
    this.checks.splice(at, 1);
    this.table = tableOf(this.checks);
    if (this.indexed === undefined) return;
    if (this.checks.length < INDEX_FROM / 2) {
      this.indexed = undefined;
      return;
    }
    const field = this.indexed.find((f) => f.pathId === pathId);
    if (field === undefined) return;
    field.remove(matcher, target);
    if (field.isEmpty) this.indexed = this.indexed.filter((f) => f !== field);
  }

  /** Queues the states the event's leaves (and absent fields) lead to from here. */
  visit(fields: EventFields, epoch: number, out: AutomatonState<B>[]): void {
    if (this.indexed !== undefined) {
      for (const transitions of this.indexed) {
        const leaves = fields.leaves(transitions.pathId);
        for (const leaf of leaves) transitions.collect(leaf, epoch, out);
        if (transitions.absent.length > 0 && isPossiblyAbsent(fields, transitions.pathId)) {
          reachAll(transitions.absent, epoch, out);
        }
      }
      return;
    }
    // Taking a check from its slot reads no memory; using it does. A target is read once its check passes.
    const table = this.table;
    for (let at = 0; at < table.length; at += TABLE_STRIDE) {
      const op = table[at] as CheckOp;
      const pathId = table[at + 1] as number;
      const check = table[at + 3] as StateCheck<B>;
      if (op === CheckOp.Absent) {
        if (isPossiblyAbsent(fields, pathId)) reach(check.target, epoch, out);
        continue;
      }
      const text = comparesText(op) ? (table[at + 2] as string) : undefined;
      for (const leaf of fields.leaves(pathId)) {
        if (text !== undefined ? passesText(op, text, leaf) : passes(check, leaf)) {
          reach(check.target, epoch, out);
          break;
        }
      }
    }
  }
}

/**
 * Absent, or possibly absent: when every leaf of the field sits in an array, they may all lie in other
 * elements than the ones the branch's other fields matched in (the caller re-checks such matches).
 */
function isPossiblyAbsent(fields: EventFields, pathId: number): boolean {
  return fields.arrayLeaves(pathId) === fields.leaves(pathId).length;
}

/** Slots per check in a state's table: op, path id, text, check. */
const TABLE_STRIDE = 4;

function tableOf<B extends object>(checks: readonly StateCheck<B>[]): unknown[] {
  return checks.flatMap((check) => [check.op, check.pathId, check.text, check]);
}

function indexChecks<B extends object>(
  checks: readonly StateCheck<B>[],
  shared: SharedValues,
): FieldTransitions<AutomatonState<B>>[] {
  const indexed: FieldTransitions<AutomatonState<B>>[] = [];
  for (const { pathId, matcher, target } of checks) fieldOf(indexed, pathId, shared).add(matcher, target);
  return indexed;
}

function fieldOf<B extends object>(
  indexed: FieldTransitions<AutomatonState<B>>[],
  pathId: number,
  shared: SharedValues,
): FieldTransitions<AutomatonState<B>> {
  let field = indexed.find((f) => f.pathId === pathId);
  if (field === undefined) {
    field = new FieldTransitions<AutomatonState<B>>(pathId, shared);
    indexed.push(field);
  }
  return field;
}
