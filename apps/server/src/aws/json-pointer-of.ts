/**
 * Turns a validator path (`States.A.Retry[0]`, `States["a.b"].Next`) into the JSON pointer AWS reports
 * as a diagnostic's location (`/States/A/Retry/0`, `/States/a.b/Next`); the root is "".
 */
export function jsonPointerOf(path: string): string {
  const segments: string[] = [];
  const token = /([^.[\]"]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./gy;
  let match: RegExpExecArray | null;
  while (token.lastIndex < path.length && (match = token.exec(path)) !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(match[2]);
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  // A path the pattern cannot read (never produced by the validator) is reported as it is.
  if (token.lastIndex < path.length) return path;
  return segments.map((s) => `/${s.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
