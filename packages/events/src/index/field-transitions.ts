import { foldCase, type Matcher } from "../patterns/matcher.ts";
import { AffixIndex } from "./affix-index.ts";
import { LeafKind, type EventLeaf } from "./event-leaf.ts";
import { IntervalIndex } from "./interval-index.ts";
import type { SharedValues } from "./shared-values.ts";
import { closedInterval, LeafCheck, passes } from "./leaf-check.ts";
import { addTarget, reach, reachAll, type Reachable, type Targets } from "./reachable.ts";

/**
 * The conditions one automaton state puts on one field, indexed by value: an event leaf at that field
 * finds the states its value leads to with map lookups (exact values, equals-ignore-case, prefixes,
 * suffixes), an interval tree (numeric ranges), or, for the few kinds no index serves (anything-but,
 * wildcard, cidr), a check per condition. `exists: false` is not about a leaf: see {@link absent}.
 *
 * A field of a state usually holds one or two kinds of condition, and a bus has thousands of states, so
 * each structure is created on first use: an event then touches only the memory of the kinds present.
 */
export class FieldTransitions<T extends Reachable> {
  private strings: Map<string, Targets<T>> | undefined;
  private literals: Map<string, Targets<T>> | undefined;
  private numbersByValue: Map<number, Targets<T>> | undefined;
  private numbersByText: Map<string, Targets<T>> | undefined;
  private foldedStrings: Map<string, Targets<T>> | undefined;
  private prefixes: AffixIndex<T> | undefined;
  private foldedPrefixes: AffixIndex<T> | undefined;
  private suffixes: AffixIndex<T> | undefined;
  private foldedSuffixes: AffixIndex<T> | undefined;
  private ranges: IntervalIndex<T> | undefined;
  private anyLeaf: T[] | undefined;
  private checked: LeafCheck<T>[] | undefined;
  /** States reached when the field has no value (`exists: false`), subject to array consistency. */
  readonly absent: T[] = [];

  /**
   * @param pathId the field's path id (see RulePaths)
   * @param shared where checked conditions share their texts and sets
   */
  constructor(
    readonly pathId: number,
    private readonly shared: SharedValues,
  ) {}

  /** Makes a leaf satisfying `matcher` lead to `target`. */
  add(matcher: Matcher, target: T): void {
    switch (matcher.kind) {
      case "exact-string":
        return addTarget((this.strings ??= new Map<string, Targets<T>>()), matcher.value, target);
      case "exact-literal":
        return addTarget((this.literals ??= new Map<string, Targets<T>>()), matcher.text, target);
      case "exact-number":
        return matcher.comparable === undefined
          ? addTarget((this.numbersByText ??= new Map<string, Targets<T>>()), matcher.text, target)
          : addTarget(
              (this.numbersByValue ??= new Map<number, Targets<T>>()),
              Number(matcher.comparable),
              target,
            );
      case "equals-ignore-case":
        return addTarget(
          (this.foldedStrings ??= new Map<string, Targets<T>>()),
          foldCase(matcher.value),
          target,
        );
      case "prefix":
        return matcher.ignoreCase
          ? (this.foldedPrefixes ??= new AffixIndex("prefix")).add(foldCase(matcher.value), target)
          : (this.prefixes ??= new AffixIndex("prefix")).add(matcher.value, target);
      case "suffix":
        return matcher.ignoreCase
          ? (this.foldedSuffixes ??= new AffixIndex("suffix")).add(foldCase(matcher.value), target)
          : (this.suffixes ??= new AffixIndex("suffix")).add(matcher.value, target);
      case "numeric":
        return (this.ranges ??= new IntervalIndex()).add(
          ...closedInterval(matcher.low, matcher.high),
          target,
        );
      case "exists":
        if (matcher.exists) (this.anyLeaf ??= []).push(target);
        else this.absent.push(target);
        return;
      default:
        (this.checked ??= []).push(new LeafCheck(matcher, this.pathId, target, this.shared));
    }
  }

  /** Queues every state `leaf` leads to. */
  collect(leaf: EventLeaf, epoch: number, out: T[]): void {
    if (this.anyLeaf !== undefined) reachAll(this.anyLeaf, epoch, out);
    switch (leaf.kind) {
      case LeafKind.String:
        if (this.strings !== undefined) reachAll(this.strings.get(leaf.text), epoch, out);
        if (this.prefixes !== undefined) this.prefixes.collect(leaf.text, epoch, out);
        if (this.suffixes !== undefined) this.suffixes.collect(leaf.text, epoch, out);
        if (this.foldedStrings !== undefined) reachAll(this.foldedStrings.get(leaf.folded), epoch, out);
        if (this.foldedPrefixes !== undefined) this.foldedPrefixes.collect(leaf.folded, epoch, out);
        if (this.foldedSuffixes !== undefined) this.foldedSuffixes.collect(leaf.folded, epoch, out);
        break;
      case LeafKind.Number: {
        // A literal's comparable value is a function of its text, so a condition with a comparable value
        // matches exactly the leaves with that value, and one without (outside ±5e9) those with its text.
        const value = leaf.comparable;
        if (value !== undefined) {
          if (this.numbersByValue !== undefined) reachAll(this.numbersByValue.get(value), epoch, out);
          if (this.ranges !== undefined) this.ranges.collect(value, epoch, out);
        } else if (this.numbersByText !== undefined) {
          reachAll(this.numbersByText.get(leaf.text), epoch, out);
        }
        break;
      }
      case LeafKind.Literal:
        if (this.literals !== undefined) reachAll(this.literals.get(leaf.text), epoch, out);
        break;
    }
    if (this.checked === undefined) return;
    for (const check of this.checked) {
      if (passes(check, leaf)) reach(check.target, epoch, out);
    }
  }
}
