import { JsonNumberText } from "../json/json-number-text.ts";
import { comparableNumber, comparableValue } from "../patterns/comparable-number.ts";
import { foldCase, type LeafValue } from "../patterns/matcher.ts";

/** What kind of scalar a leaf is; the value indexes of a field look at different maps for each. */
export const LeafKind = { String: 0, Number: 1, Literal: 2 } as const;
export type LeafKind = (typeof LeafKind)[keyof typeof LeafKind];

/**
 * One scalar of an event, at a path some rule names, as the rule index reads it. What only some
 * conditions need (the case-folded text, the comparable number, the matcher's own view) is computed on
 * first use and kept, since several states of the automaton may test the same leaf.
 */
export class EventLeaf {
  private foldedText: string | undefined;
  private comparableText: number | null | undefined;
  private referenceValue: LeafValue | undefined;

  /**
   * @param text the string itself, a number's literal text, or `true` / `false` / `null`
   * @param inArray whether the leaf sits in an array (then array-consistent matching may reject a match)
   */
  constructor(
    readonly kind: LeafKind,
    readonly text: string,
    readonly inArray: boolean,
  ) {}

  /** The text folded as equals-ignore-case folds it. */
  get folded(): string {
    return (this.foldedText ??= foldCase(this.text));
  }

  /** For a number: its comparable value (see comparableValue); undefined outside ±5e9 or for non-numbers. */
  get comparable(): number | undefined {
    if (this.comparableText === undefined) {
      this.comparableText = this.kind === LeafKind.Number ? (comparableValue(this.text) ?? null) : null;
    }
    return this.comparableText ?? undefined;
  }

  /** The leaf as `matchesLeaf` takes it, for the conditions the index checks one by one. */
  get reference(): LeafValue {
    return (this.referenceValue ??= referenceOf(this));
  }
}

function referenceOf(leaf: EventLeaf): LeafValue {
  switch (leaf.kind) {
    case LeafKind.String:
      return { kind: "string", value: leaf.text };
    case LeafKind.Number:
      return { kind: "number", text: leaf.text, comparable: comparableNumber(leaf.text) };
    case LeafKind.Literal:
      return { kind: "literal", text: leaf.text as "true" | "false" | "null" };
  }
}

/**
 * The leaf of a scalar event value, or undefined for what event-ruler does not see as a value (a
 * non-finite number, undefined, a function...). Mirrors `flattenEvent`'s reading of values exactly.
 */
export function eventLeafOf(value: unknown, inArray: boolean): EventLeaf | undefined {
  if (typeof value === "string") return new EventLeaf(LeafKind.String, value, inArray);
  if (value instanceof JsonNumberText) return new EventLeaf(LeafKind.Number, value.text, inArray);
  if (typeof value === "number") {
    return Number.isFinite(value) ? new EventLeaf(LeafKind.Number, String(value), inArray) : undefined;
  }
  if (typeof value === "boolean") return new EventLeaf(LeafKind.Literal, value ? "true" : "false", inArray);
  if (value === null) return new EventLeaf(LeafKind.Literal, "null", inArray);
  return undefined;
}
