import { foldCase, matchesLeaf, type Bound, type Matcher } from "../patterns/matcher.ts";
import { LeafKind, type EventLeaf } from "./event-leaf.ts";
import type { SharedValues } from "./shared-values.ts";

/** How a {@link LeafCheck} tests a leaf: one small integer, so a test reads nothing but the check. */
export const CheckOp = {
  ExactString: 0,
  ExactLiteral: 1,
  /** An exact number with a comparable value: equal values match (`1` and `1.0`). */
  ExactNumberValue: 2,
  /** An exact number outside ±5e9: only the same text matches. */
  ExactNumberText: 3,
  FoldedEquals: 4,
  Prefix: 5,
  FoldedPrefix: 6,
  Suffix: 7,
  FoldedSuffix: 8,
  Range: 9,
  AnyLeaf: 10,
  /** `exists: false`: no leaf satisfies it; the field's absence does. */
  Absent: 11,
  /** anything-but a list of strings: any leaf but those strings. */
  AnythingButStrings: 12,
  /** anything-but a list of numbers: any leaf but numbers of those comparable values. */
  AnythingButNumbers: 13,
  /** anything-but prefix/suffix/ignore-case/wildcard, wildcard, cidr: `matchesLeaf` decides. */
  Other: 14,
} as const;
export type CheckOp = (typeof CheckOp)[keyof typeof CheckOp];

/**
 * A condition leading from a state to `target`, prepared for testing leaves one at a time:
 * `matchesLeaf`'s semantics on an EventLeaf, with what it compares against computed once (the folded value
 * or affix, the range as comparable numbers). A class, so that every check has one hidden class and the
 * loop testing them stays monomorphic (object spreads gave each check a map of its own, which made the
 * property loads megamorphic and matching over many rules several times slower).
 */
export class LeafCheck<T> {
  readonly op: CheckOp;
  /** The exact text, literal, folded value or affix compared with. */
  readonly text: string;
  /** A range's closed bounds, or an exact number's value, as comparable values (NaN when unused). */
  readonly low: number;
  readonly high: number;
  /** The values an anything-but excludes (comparable values for numbers). */
  readonly excluded: ReadonlySet<string | number> | undefined;

  /** @param shared where texts and sets are shared with the automaton's other checks */
  constructor(
    readonly matcher: Matcher,
    readonly pathId: number,
    readonly target: T,
    shared: SharedValues,
  ) {
    const [op, text, low, high] = prepare(matcher);
    this.op = op;
    this.text = shared.text(text);
    this.low = low;
    this.high = high;
    this.excluded =
      matcher.kind === "anything-but-strings"
        ? shared.set(matcher.values)
        : matcher.kind === "anything-but-numbers"
          ? shared.set([...matcher.values].map(Number))
          : undefined;
  }
}

function prepare(matcher: Matcher): [CheckOp, string, number, number] {
  switch (matcher.kind) {
    case "exact-string":
      return [CheckOp.ExactString, matcher.value, NaN, NaN];
    case "exact-literal":
      return [CheckOp.ExactLiteral, matcher.text, NaN, NaN];
    case "exact-number":
      return matcher.comparable === undefined
        ? [CheckOp.ExactNumberText, matcher.text, NaN, NaN]
        : [CheckOp.ExactNumberValue, matcher.text, Number(matcher.comparable), NaN];
    case "equals-ignore-case":
      return [CheckOp.FoldedEquals, foldCase(matcher.value), NaN, NaN];
    case "prefix":
      return matcher.ignoreCase
        ? [CheckOp.FoldedPrefix, foldCase(matcher.value), NaN, NaN]
        : [CheckOp.Prefix, matcher.value, NaN, NaN];
    case "suffix":
      return matcher.ignoreCase
        ? [CheckOp.FoldedSuffix, foldCase(matcher.value), NaN, NaN]
        : [CheckOp.Suffix, matcher.value, NaN, NaN];
    case "numeric":
      return [CheckOp.Range, "", ...closedInterval(matcher.low, matcher.high)];
    case "exists":
      return [matcher.exists ? CheckOp.AnyLeaf : CheckOp.Absent, "", NaN, NaN];
    case "anything-but-strings":
      return [CheckOp.AnythingButStrings, "", NaN, NaN];
    case "anything-but-numbers":
      return [CheckOp.AnythingButNumbers, "", NaN, NaN];
    default:
      return [CheckOp.Other, "", NaN, NaN];
  }
}

/**
 * True when the leaf satisfies a condition that compares it with the check's text only (exact strings,
 * literals and out-of-range numbers, equals-ignore-case, prefixes and suffixes).
 */
export function passesText(op: CheckOp, text: string, leaf: EventLeaf): boolean {
  switch (op) {
    case CheckOp.ExactString:
      return leaf.kind === LeafKind.String && leaf.text === text;
    case CheckOp.ExactLiteral:
      return leaf.kind === LeafKind.Literal && leaf.text === text;
    case CheckOp.ExactNumberText:
      return leaf.kind === LeafKind.Number && leaf.text === text;
    case CheckOp.FoldedEquals:
      return leaf.kind === LeafKind.String && leaf.folded === text;
    case CheckOp.Prefix:
      return leaf.kind === LeafKind.String && leaf.text.startsWith(text);
    case CheckOp.FoldedPrefix:
      return leaf.kind === LeafKind.String && leaf.folded.startsWith(text);
    case CheckOp.Suffix:
      return leaf.kind === LeafKind.String && leaf.text.endsWith(text);
    case CheckOp.FoldedSuffix:
      return leaf.kind === LeafKind.String && leaf.folded.endsWith(text);
    default:
      return false;
  }
}

/** True when the leaf satisfies the condition, as `matchesLeaf` would say. */
export function passes<T>(check: LeafCheck<T>, leaf: EventLeaf): boolean {
  switch (check.op) {
    // A literal's comparable value is a function of its text, so equal values (or, outside ±5e9, equal
    // texts) are exactly matchesLeaf's "same text or same comparable value".
    case CheckOp.ExactNumberValue:
      return leaf.kind === LeafKind.Number && leaf.comparable === check.low;
    case CheckOp.Range: {
      const value = leaf.comparable;
      return value !== undefined && check.low <= value && value <= check.high;
    }
    case CheckOp.AnyLeaf:
      return true;
    case CheckOp.Absent:
      return false;
    case CheckOp.AnythingButStrings:
      return leaf.kind !== LeafKind.String || !check.excluded!.has(leaf.text);
    case CheckOp.AnythingButNumbers: {
      const value = leaf.kind === LeafKind.Number ? leaf.comparable : undefined;
      return value === undefined || !check.excluded!.has(value);
    }
    case CheckOp.Other:
      return matchesLeaf(check.matcher, leaf.reference);
    default:
      return passesText(check.op, check.text, leaf);
  }
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
