/** Kinds of token the pull parser yields, named after Jackson's `JsonToken`. */
export const JsonToken = {
  StartObject: "START_OBJECT",
  EndObject: "END_OBJECT",
  StartArray: "START_ARRAY",
  EndArray: "END_ARRAY",
  FieldName: "FIELD_NAME",
  String: "VALUE_STRING",
  Int: "VALUE_NUMBER_INT",
  Float: "VALUE_NUMBER_FLOAT",
  True: "VALUE_TRUE",
  False: "VALUE_FALSE",
  Null: "VALUE_NULL",
  End: "END_OF_INPUT",
} as const;
/** One of the {@link JsonToken} kinds. */
export type JsonTokenKind = (typeof JsonToken)[keyof typeof JsonToken];

/** A syntax (or caller-reported) error, worded like Jackson's `JsonParseException`. */
export class JsonSyntaxError extends Error {
  /** The message without the location suffix. */
  readonly reason: string;
  constructor(reason: string, location: string) {
    super(`${reason}\n at ${location}`);
    this.name = "JsonSyntaxError";
    this.reason = reason;
  }
}

/** An open object or array; `start` is the offset of its marker, turned into line and column only for an error
 * message (computing them per marker made tokenizing a document quadratic in its size). */
type Frame = { kind: "object" | "array"; state: "start" | "value" | "name"; start: number };

/**
 * A streaming JSON tokenizer that reports errors with Jackson's wording, because EventBridge's
 * event-pattern compiler (aws/event-ruler) pulls tokens from Jackson and its messages reach users verbatim.
 * It does not look past the last token asked for: trailing text after the root value is never read.
 */
export class JsonTokenizer {
  private pos = 0;
  private readonly stack: Frame[] = [];
  private currentText = "";
  private currentName = "";
  private rootDone = false;

  constructor(private readonly source: string) {}

  /** Text of the last scalar token (string contents, number literal, `true`...). */
  text(): string {
    return this.currentText;
  }

  /** Name of the field most recently read in the current object. */
  fieldName(): string {
    return this.currentName;
  }

  /** Jackson's `getCurrentLocation()` rendering, used as the suffix of every error. */
  location(offset = this.pos): string {
    const before = this.source.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - (before.lastIndexOf("\n") + 1) + 1;
    return `[Source: (String)"${this.source}"; line: ${line}, column: ${column}]`;
  }

  /** Throws a {@link JsonSyntaxError} carrying `reason` at the current location. */
  fail(reason: string): never {
    throw new JsonSyntaxError(reason, this.location());
  }

  /** Reads the next token. */
  next(): JsonTokenKind {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      if (this.rootDone) return JsonToken.End;
      this.skipSpace();
      if (this.pos >= this.source.length) return JsonToken.End;
      this.rootDone = true;
      return this.value();
    }
    this.skipSpace();
    if (frame.kind === "object") return this.inObject(frame);
    return this.inArray(frame);
  }

  private inObject(frame: Frame): JsonTokenKind {
    const c = this.peek();
    if (c === undefined) this.eofInContainer(frame);
    if (frame.state === "name") {
      if (c !== ":") this.unexpected(c, "was expecting a colon to separate field name and value");
      this.pos++;
      this.skipSpace();
      frame.state = "value";
      if (this.peek() === undefined) this.eofInContainer(frame);
      return this.value();
    }
    if (frame.state === "value") {
      if (c === "}") return this.close();
      if (c !== ",") this.unexpected(c, "was expecting comma to separate Object entries");
      this.pos++;
      this.skipSpace();
    } else if (c === "}") {
      return this.close();
    }
    const q = this.peek();
    if (q === undefined) this.eofInContainer(frame);
    if (q !== '"') this.unexpected(q, "was expecting double-quote to start field name");
    this.pos++;
    this.currentName = this.stringBody();
    frame.state = "name";
    return JsonToken.FieldName;
  }

  private inArray(frame: Frame): JsonTokenKind {
    const c = this.peek();
    if (c === undefined) this.eofInContainer(frame);
    if (c === "]" && frame.state === "start") return this.close();
    if (frame.state === "value") {
      if (c === "]") return this.close();
      if (c !== ",") this.unexpected(c, "was expecting comma to separate Array entries");
      this.pos++;
      this.skipSpace();
      if (this.peek() === undefined) this.eofInContainer(frame);
    }
    frame.state = "value";
    return this.value();
  }

  private close(): JsonTokenKind {
    const frame = this.stack.pop();
    this.pos++;
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) parent.state = "value";
    return frame?.kind === "object" ? JsonToken.EndObject : JsonToken.EndArray;
  }

  private value(): JsonTokenKind {
    const c = this.peek();
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) parent.state = "value";
    if (c === "{" || c === "[") {
      this.stack.push({ kind: c === "{" ? "object" : "array", state: "start", start: this.pos });
      this.pos++;
      return c === "{" ? JsonToken.StartObject : JsonToken.StartArray;
    }
    if (c === '"') {
      this.pos++;
      this.currentText = this.stringBody();
      return JsonToken.String;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (c !== undefined && /[A-Za-z_$]/.test(c)) {
      WORD.lastIndex = this.pos;
      const word = WORD.exec(this.source)?.[0] ?? c;
      this.pos += word.length;
      if (word === "true" || word === "false" || word === "null") {
        this.currentText = word;
        return word === "true" ? JsonToken.True : word === "false" ? JsonToken.False : JsonToken.Null;
      }
      this.fail(
        `Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`,
      );
    }
    if (c === undefined) this.fail("Unexpected end-of-input: expected a value");
    this.unexpected(
      c,
      "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    );
  }

  private number(): JsonTokenKind {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.source);
    if (match === null) {
      this.pos++;
      const c = this.peek();
      this.fail(
        `Unexpected character (${describe(c)}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`,
      );
    }
    if ((match[1] ?? "").length > 1 && match[1]?.startsWith("0")) {
      this.pos += match[0].indexOf("0") + 1;
      this.fail("Invalid numeric value: Leading zeroes not allowed");
    }
    this.pos += match[0].length;
    this.currentText = match[0];
    return match[2] !== undefined || match[3] !== undefined ? JsonToken.Float : JsonToken.Int;
  }

  private stringBody(): string {
    let out = "";
    for (;;) {
      // Copy a run of plain characters at once; only quotes, escapes and control characters stop it.
      const run = this.pos;
      let code = this.source.charCodeAt(this.pos);
      while (code !== 34 && code !== 92 && code >= 0x20) code = this.source.charCodeAt(++this.pos);
      if (this.pos > run) out += this.source.slice(run, this.pos);
      const c = this.source[this.pos];
      if (c === undefined)
        this.fail("Unexpected end-of-input: was expecting closing quote for a string value");
      this.pos++;
      if (c === '"') return out;
      if (c === "\\") {
        const e = this.source[this.pos];
        this.pos++;
        switch (e) {
          case '"':
          case "\\":
          case "/":
            out += e;
            break;
          case "b":
            out += "\b";
            break;
          case "f":
            out += "\f";
            break;
          case "n":
            out += "\n";
            break;
          case "r":
            out += "\r";
            break;
          case "t":
            out += "\t";
            break;
          case "u": {
            const hex = this.source.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
              this.fail(
                "Unexpected character in Unicode escape: expected a hex-digit for character escape sequence",
              );
            }
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          case undefined:
            this.fail("Unexpected end-of-input in character escape sequence");
            break;
          default:
            this.fail(`Unrecognized character escape ${describe(e)}`);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        this.fail(
          `Illegal unquoted character ((CTRL-CHAR, code ${c.charCodeAt(0)})): has to be escaped using backslash to be included in string value`,
        );
      }
      out += c;
    }
  }

  private eofInContainer(frame: Frame): never {
    const kind = frame.kind === "object" ? "Object" : "Array";
    const { line, column } = this.lineColumn(frame.start);
    this.fail(
      `Unexpected end-of-input: expected close marker for ${kind} (start marker at [Source: (String)"${this.source}"; line: ${line}, column: ${column}])`,
    );
  }

  private unexpected(c: string | undefined, what: string): never {
    this.pos++;
    this.fail(`Unexpected character (${describe(c)}): ${what}`);
  }

  private peek(): string | undefined {
    return this.source[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.source.length) {
      const c = this.source[this.pos];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") return;
      this.pos++;
    }
  }

  private lineColumn(offset: number): { line: number; column: number } {
    const before = this.source.slice(0, offset);
    return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
  }
}

// Sticky: they match at `lastIndex` without copying the rest of the source for each token.
const NUMBER = /-?(\d+)(\.\d+)?([eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_$]+/y;

function describe(c: string | undefined): string {
  if (c === undefined) return "<EOF>";
  const code = c.charCodeAt(0);
  if (code < 0x20) return `(CTRL-CHAR, code ${code})`;
  return `'${c}' (code ${code})`;
}
