import { foldCase, matchesLeaf, type Bound, type Matcher } from "../patterns/matcher.ts";
import { LeafKind, type EventLeaf } from "./event-leaf.ts";

/**
 * A condition prepared for testing leaves one at a time: `matchesLeaf`'s semantics on an EventLeaf, with
 * what it compares against computed once (the folded affix, the range as comparable numbers), and the
 * kinds no value index serves (anything-but, wildcard, cidr) deferred to `matchesLeaf` itself.
 */
export type LeafCheck = {
  readonly matcher: Matcher;
  /** The exact text, literal, folded value or affix compared with. */
  readonly text: string;
  /** A range's closed bounds as comparable values; for an exact number, `low` is its value (NaN: none). */
  readonly low: number;
  readonly high: number;
};

/** Prepares a condition for {@link passes}. */
export function leafCheckOf(matcher: Matcher): LeafCheck {
  switch (matcher.kind) {
    case "exact-string":
      return { matcher, text: matcher.value, low: NaN, high: NaN };
    case "exact-literal":
      return { matcher, text: matcher.text, low: NaN, high: NaN };
    case "exact-number":
      return { matcher, text: matcher.text, low: comparableOrNaN(matcher.comparable), high: NaN };
    case "equals-ignore-case":
      return { matcher, text: foldCase(matcher.value), low: NaN, high: NaN };
    case "prefix":
    case "suffix":
      return {
        matcher,
        text: matcher.ignoreCase ? foldCase(matcher.value) : matcher.value,
        low: NaN,
        high: NaN,
      };
    case "numeric": {
      const [low, high] = closedInterval(matcher.low, matcher.high);
      return { matcher, text: "", low, high };
    }
    default:
      return { matcher, text: "", low: NaN, high: NaN };
  }
}

/** True when the leaf satisfies the condition (as `matchesLeaf` would say; `exists: false` never does). */
export function passes(check: LeafCheck, leaf: EventLeaf): boolean {
  const matcher = check.matcher;
  switch (matcher.kind) {
    case "exact-string":
      return leaf.kind === LeafKind.String && leaf.text === check.text;
    case "exact-literal":
      return leaf.kind === LeafKind.Literal && leaf.text === check.text;
    case "exact-number":
      // A literal's comparable value is a function of its text: with one, equal values are the test;
      // without (outside ±5e9), equal text.
      return (
        leaf.kind === LeafKind.Number &&
        (Number.isNaN(check.low) ? leaf.text === check.text : leaf.comparable === check.low)
      );
    case "equals-ignore-case":
      return leaf.kind === LeafKind.String && leaf.folded === check.text;
    case "prefix":
      return (
        leaf.kind === LeafKind.String && (matcher.ignoreCase ? leaf.folded : leaf.text).startsWith(check.text)
      );
    case "suffix":
      return (
        leaf.kind === LeafKind.String && (matcher.ignoreCase ? leaf.folded : leaf.text).endsWith(check.text)
      );
    case "numeric": {
      const value = leaf.comparable;
      return value !== undefined && check.low <= value && value <= check.high;
    }
    case "exists":
      return matcher.exists;
    default:
      return matchesLeaf(matcher, leaf.reference);
  }
}

function comparableOrNaN(value: bigint | undefined): number {
  return value === undefined ? NaN : Number(value);
}

/**
 * A numeric condition as a closed interval of comparable values. Comparable values are integers (the
 * number times 10^6, exact in a double), so an open bound is the next integer inwards.
 */
export function closedInterval(low: Bound | undefined, high: Bound | undefined): [number, number] {
  const lowValue = low === undefined ? -Infinity : Number(low.value) + (low.open ? 1 : 0);
  const highValue = high === undefined ? Infinity : Number(high.value) - (high.open ? 1 : 0);
  return [lowValue, highValue];
}
