/** A parsed wildcard pattern: literal runs separated by `*` (each `*` matches any run, even empty). */
export type WildcardPattern = { source: string; pieces: string[] };

/**
 * Parses an EventBridge wildcard value: `*` matches any characters, `\*` is a literal star, `\\` a literal
 * backslash.
 * @throws Error with event-ruler's message for consecutive stars or a bad escape.
 */
export function parseWildcard(source: string): WildcardPattern {
  const pieces: string[] = [""];
  let lastWasStar = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? "";
    if (c === "*") {
      if (lastWasStar) throw new Error(`Consecutive wildcard characters at pos ${i}`);
      pieces.push("");
      lastWasStar = true;
      continue;
    }
    lastWasStar = false;
    let literal = c;
    if (c === "\\") {
      const escaped = source[i + 1];
      if (escaped !== "*" && escaped !== "\\") throw new Error(`Invalid escape character at pos ${i}`);
      literal = escaped;
      i++;
    }
    pieces[pieces.length - 1] += literal;
  }
  return { source, pieces };
}

/** True when `value` matches the whole wildcard pattern. */
export function matchesWildcard(pattern: WildcardPattern, value: string): boolean {
  const { pieces } = pattern;
  const first = pieces[0] ?? "";
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? "";
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  // Greedy leftmost placement of the middle pieces is optimal because every gap is a `*`.
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] ?? "";
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
