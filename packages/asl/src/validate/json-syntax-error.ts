/** Where and why a JSON text does not parse. */
export interface JsonSyntaxError {
  message: string;
  /** 1-based line and column of the offending character. */
  line: number;
  column: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';
const HEX4 = /[0-9a-fA-F]{4}/y;

type Expect = "value" | "first-value" | "key" | "first-key" | "after";

/**
 * Finds the first JSON syntax error in `text` (RFC 8259), or undefined when it is valid JSON. Engines word
 * `JSON.parse` errors differently and some omit the position, so the validator locates errors itself.
 * Iterative, so any nesting depth is fine.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ("object" | "array")[] = [];
  let i = 0;
  let expect: Expect = "value";
  const fail = (message: string): JsonSyntaxError => ({ message, ...lineAndColumn(text, i) });
  const found = (): string => (i < text.length ? JSON.stringify(text[i]) : "the end of the text");
  const skipSpace = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const readString = (): JsonSyntaxError | undefined => {
    i++;
    for (;;) {
      if (i >= text.length) return fail('unterminated string; add the closing "');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c < " ") return fail("control character inside a string; escape it (for example \\n)");
      if (c === "\\") {
        i++;
        const e = text[i];
        if (e === "u") {
          HEX4.lastIndex = i + 1;
          if (!HEX4.test(text)) return fail("\\u must be followed by four hexadecimal digits");
          i += 5;
          continue;
        }
        if (e === undefined || !ESCAPES.includes(e)) return fail(`invalid escape "\\${e ?? ""}" in a string`);
      }
      i++;
    }
  };

  for (;;) {
    skipSpace();
    if (expect === "after") {
      const top = stack.at(-1);
      if (top === undefined)
        return i < text.length ? fail(`unexpected ${found()} after the end of the JSON value`) : undefined;
      const close = top === "object" ? "}" : "]";
      if (text[i] === ",") {
        i++;
        expect = top === "object" ? "key" : "value";
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        return fail(`expected "," or "${close}" but found ${found()}`);
      }
      continue;
    }
    if (expect === "key" || expect === "first-key") {
      if (expect === "first-key" && text[i] === "}") {
        i++;
        stack.pop();
        expect = "after";
        continue;
      }
      if (text[i] !== '"') {
        const hint = text[i] === "}" ? " (remove the trailing comma)" : "";
        return fail(`expected a double-quoted property name but found ${found()}${hint}`);
      }
      const error = readString();
      if (error !== undefined) return error;
      skipSpace();
      if (text[i] !== ":") return fail(`expected ":" after the property name but found ${found()}`);
      i++;
      expect = "value";
      continue;
    }
    const c = text[i];
    if (expect === "first-value" && c === "]") {
      i++;
      stack.pop();
      expect = "after";
      continue;
    }
    if (c === "{" || c === "[") {
      stack.push(c === "{" ? "object" : "array");
      i++;
      expect = c === "{" ? "first-key" : "first-value";
      continue;
    }
    expect = "after";
    if (c === '"') {
      const error = readString();
      if (error !== undefined) return error;
      continue;
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && (c === "-" || (c >= "0" && c <= "9")) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      continue;
    }
    const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
    if (literal !== undefined) {
      i += literal.length;
      continue;
    }
    const hint = c === "]" || c === "}" ? " (remove the trailing comma)" : "";
    return fail(
      `expected a value (object, array, string, number, true, false or null) but found ${found()}${hint}`,
    );
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
