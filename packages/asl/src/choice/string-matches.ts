/**
 * Compiles a `StringMatches` pattern into a matcher of whole strings.
 *
 * `*` matches any run of characters (including none); `\*` is a literal `*` and `\\` a literal backslash
 * (in the JSON text: `"\\*"` and `"\\\\"`). No other character is special; a backslash before any other
 * character, or at the end, stands for itself. Matching is linear in practice: literal runs are located
 * left to right, so patterns with many stars cannot backtrack catastrophically.
 *
 * @example compileStringMatches("log-*.txt")("log-2024.txt") // true
 */
export function compileStringMatches(pattern: string): (value: string) => boolean {
  const parts = splitOnStars(pattern);
  const first = parts[0] ?? "";
  if (parts.length === 1) return (value) => value === first;
  const last = parts[parts.length - 1] ?? "";
  const middle = parts.slice(1, -1).filter((part) => part.length > 0);
  const minLength = first.length + last.length;
  return (value) => {
    if (value.length < minLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    // Greedy leftmost placement of each middle run is optimal: a later placement never leaves more room.
    let from = first.length;
    const end = value.length - last.length;
    for (const part of middle) {
      const at = value.indexOf(part, from);
      if (at < 0 || at + part.length > end) return false;
      from = at + part.length;
    }
    return true;
  };
}

/** The literal runs between unescaped stars (so n stars give n + 1 runs), escapes resolved. */
function splitOnStars(pattern: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === "\\" && (pattern[i + 1] === "*" || pattern[i + 1] === "\\")) {
      current += pattern[i + 1];
      i += 1;
    } else if (char === "*") {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
