/** A compiled EventBridge JSONPath: a list of property names and array indexes below `$`. */
export type JsonPath = readonly (string | number)[];

/**
 * Parses the JSONPath subset EventBridge accepts in InputPath and InputPathsMap: `$`, `.name`, `['name']`
 * and `[index]`. Names may contain any character but `.` and `[` (so `$.detail-type` works).
 * Returns undefined for anything else.
 */
export function parseJsonPath(text: string): JsonPath | undefined {
  if (!text.startsWith("$")) return undefined;
  const steps: (string | number)[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === ".") {
      const match = /^[^.[\]]+/.exec(text.slice(i + 1));
      if (match === null) return undefined;
      steps.push(match[0]);
      i += 1 + match[0].length;
    } else if (c === "[") {
      const match = /^\[(?:(\d+)|'([^']*)'|"([^"]*)")\]/.exec(text.slice(i));
      if (match === null) return undefined;
      steps.push(match[1] !== undefined ? Number(match[1]) : (match[2] ?? match[3] ?? ""));
      i += match[0].length;
    } else {
      return undefined;
    }
  }
  return steps;
}

/** Reads the value at `path`; undefined when any step is missing. */
export function readJsonPath(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
