import { ipInRange, parseIpAddress, type IpRange } from "./ip-address.ts";
import { matchesWildcard, type WildcardPattern } from "./wildcard.ts";

/** One leaf value of an event, as event-ruler sees it. */
export type LeafValue =
  | { kind: "string"; value: string }
  | { kind: "number"; text: string; comparable: bigint | undefined }
  | { kind: "literal"; text: "true" | "false" | "null" };

/** A numeric bound: comparable value (see comparableNumber) and whether it is exclusive. */
export type Bound = { value: bigint; open: boolean };

/** One compiled match condition of a pattern field (an element of the field's array). */
export type Matcher =
  | { kind: "exact-string"; value: string }
  | { kind: "exact-number"; text: string; comparable: bigint | undefined }
  | { kind: "exact-literal"; text: "true" | "false" | "null" }
  | { kind: "ip"; range: IpRange }
  | { kind: "prefix"; value: string; ignoreCase: boolean }
  | { kind: "suffix"; value: string; ignoreCase: boolean }
  | { kind: "equals-ignore-case"; value: string }
  | { kind: "wildcard"; pattern: WildcardPattern }
  | { kind: "numeric"; low: Bound | undefined; high: Bound | undefined }
  | { kind: "anything-but-strings"; values: ReadonlySet<string> }
  | { kind: "anything-but-numbers"; values: ReadonlySet<bigint> }
  | { kind: "anything-but-prefix"; values: readonly string[] }
  | { kind: "anything-but-suffix"; values: readonly string[] }
  | { kind: "anything-but-ignore-case"; values: ReadonlySet<string> }
  | { kind: "anything-but-wildcard"; patterns: readonly WildcardPattern[] }
  | { kind: "exists"; exists: boolean };

/** Lower-cases the way event-ruler folds case for equals-ignore-case (per character, locale-free). */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/**
 * True when one event leaf satisfies `matcher`. `exists: false` never matches a leaf (it is satisfied by
 * the absence of leaves, which the caller checks).
 */
export function matchesLeaf(matcher: Matcher, leaf: LeafValue): boolean {
  switch (matcher.kind) {
    case "exact-string":
      return leaf.kind === "string" && leaf.value === matcher.value;
    case "exact-number":
      return (
        leaf.kind === "number" &&
        (leaf.text === matcher.text ||
          (matcher.comparable !== undefined && leaf.comparable === matcher.comparable))
      );
    case "exact-literal":
      return leaf.kind === "literal" && leaf.text === matcher.text;
    case "ip": {
      if (leaf.kind !== "string") return false;
      const address = parseIpAddress(leaf.value);
      return address !== undefined && ipInRange(matcher.range, address);
    }
    case "prefix":
      return (
        leaf.kind === "string" &&
        (matcher.ignoreCase
          ? foldCase(leaf.value).startsWith(foldCase(matcher.value))
          : leaf.value.startsWith(matcher.value))
      );
    case "suffix":
      return (
        leaf.kind === "string" &&
        (matcher.ignoreCase
          ? foldCase(leaf.value).endsWith(foldCase(matcher.value))
          : leaf.value.endsWith(matcher.value))
      );
    case "equals-ignore-case":
      return leaf.kind === "string" && foldCase(leaf.value) === foldCase(matcher.value);
    case "wildcard":
      return leaf.kind === "string" && matchesWildcard(matcher.pattern, leaf.value);
    case "numeric":
      return leaf.kind === "number" && leaf.comparable !== undefined && inRange(matcher, leaf.comparable);
    case "anything-but-strings":
      return !(leaf.kind === "string" && matcher.values.has(leaf.value));
    case "anything-but-numbers":
      return !(
        leaf.kind === "number" &&
        leaf.comparable !== undefined &&
        matcher.values.has(leaf.comparable)
      );
    case "anything-but-prefix":
      return !(leaf.kind === "string" && matcher.values.some((p) => leaf.value.startsWith(p)));
    case "anything-but-suffix":
      return !(leaf.kind === "string" && matcher.values.some((s) => leaf.value.endsWith(s)));
    case "anything-but-ignore-case":
      return !(leaf.kind === "string" && matcher.values.has(foldCase(leaf.value)));
    case "anything-but-wildcard":
      return !(leaf.kind === "string" && matcher.patterns.some((p) => matchesWildcard(p, leaf.value)));
    case "exists":
      return matcher.exists;
  }
}

function inRange(matcher: { low: Bound | undefined; high: Bound | undefined }, value: bigint): boolean {
  const { low, high } = matcher;
  if (low !== undefined && (low.open ? value <= low.value : value < low.value)) return false;
  if (high !== undefined && (high.open ? value >= high.value : value > high.value)) return false;
  return true;
}
