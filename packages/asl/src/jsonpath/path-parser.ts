import { readFilter } from "./filter-parser.ts";
import {
  PathFunctionNames,
  type ParsedPath,
  type PathFunctionName,
  type PathRoot,
  type PathSegment,
} from "./path-ast.ts";
import { PathSyntaxError } from "./path-syntax-error.ts";
import { TextCursor } from "./text-cursor.ts";

/**
 * Where a path is embedded, which decides the characters that end an unquoted name: a whole `.$` value
 * (`top`), an intrinsic function argument (`argument`: also `,` and `)`), or a filter (`filter`).
 */
export type PathContext = "top" | "argument" | "filter";

const nameEnd: Record<PathContext, RegExp> = {
  top: /[.[\s(]/,
  argument: /[.[\s(),]/,
  filter: /[.[\s()=!<>&|,\]~]/,
};
const variableChar = /[\p{L}\p{N}_]/u;

/**
 * Parses a whole JSONPath expression (Jayway dialect, as Step Functions uses); surrounding blanks are
 * ignored. Throws {@link PathSyntaxError}.
 */
export function parsePath(text: string): ParsedPath {
  const cursor = new TextCursor(text, (position, problem) => new PathSyntaxError(text, position, problem));
  cursor.skipSpaces();
  const path = readPath(cursor, "top");
  cursor.skipSpaces();
  if (!cursor.done) cursor.fail(`unexpected ${cursor.describeNext()}`);
  return path;
}

/** Reads one path starting at the cursor and stops at the first character that cannot continue it. */
export function readPath(cursor: TextCursor, context: PathContext): ParsedPath {
  const root = readRoot(cursor, context);
  const segments: PathSegment[] = [];
  for (;;) {
    const start = cursor.position;
    const segment = readSegment(cursor, context);
    if (segment === undefined) break;
    const previous = segments.at(-1);
    if (previous?.kind === "function") cursor.fail("a path function must be the last step", start);
    segments.push(segment);
  }
  return { root, segments };
}

function readRoot(cursor: TextCursor, context: PathContext): PathRoot {
  if (context === "filter" && cursor.eat("@")) return { kind: "current" };
  if (!cursor.eat("$")) cursor.fail(`a path must start with '$' but found ${cursor.describeNext()}`);
  if (context !== "filter" && cursor.eat("$")) return { kind: "context" };
  let name = "";
  while (variableChar.test(cursor.peek())) name += cursor.text.charAt(cursor.position++);
  return name === "" || context === "filter" ? { kind: "input" } : { kind: "variable", name };
}

function readSegment(cursor: TextCursor, context: PathContext): PathSegment | undefined {
  if (cursor.eat("..")) {
    if (cursor.eat("*")) return { kind: "scan", then: { kind: "wildcard" } };
    if (cursor.peek() === "[") return { kind: "scan", then: readBracket(cursor) };
    return { kind: "scan", then: { kind: "name", name: readName(cursor, context) } };
  }
  if (cursor.eat(".")) {
    if (cursor.eat("*")) return { kind: "wildcard" };
    const start = cursor.position;
    const name = readName(cursor, context);
    if (!cursor.eat("(")) return { kind: "name", name };
    cursor.skipSpaces();
    cursor.expect(")");
    if (!(PathFunctionNames as readonly string[]).includes(name)) {
      cursor.fail(`unknown path function '${name}()'`, start);
    }
    return { kind: "function", name: name as PathFunctionName };
  }
  if (cursor.peek() === "[") return readBracket(cursor);
  return undefined;
}

function readName(cursor: TextCursor, context: PathContext): string {
  const start = cursor.position;
  while (!cursor.done && !nameEnd[context].test(cursor.peek())) cursor.position++;
  if (cursor.position === start) cursor.fail(`expected a property name but found ${cursor.describeNext()}`);
  return cursor.text.slice(start, cursor.position);
}

function readBracket(cursor: TextCursor): PathSegment {
  cursor.expect("[");
  cursor.skipSpaces();
  let segment: PathSegment;
  const next = cursor.peek();
  if (cursor.eat("*")) {
    segment = { kind: "wildcard" };
  } else if (cursor.eat("?")) {
    cursor.skipSpaces();
    cursor.expect("(");
    const filter = readFilter(cursor, (inner) => readPath(inner, "filter"));
    cursor.skipSpaces();
    cursor.expect(")");
    segment = { kind: "filter", filter };
  } else if (next === "'" || next === '"') {
    const names = [readQuotedName(cursor)];
    for (cursor.skipSpaces(); cursor.eat(","); cursor.skipSpaces()) {
      cursor.skipSpaces();
      names.push(readQuotedName(cursor));
    }
    segment = names.length === 1 ? { kind: "name", name: names[0] ?? "" } : { kind: "names", names };
  } else {
    segment = readIndexes(cursor);
  }
  cursor.skipSpaces();
  cursor.expect("]");
  return segment;
}

// Jayway keeps the text between the quotes as written: a backslash only stops the next character
// from closing the name (AWS resolves `$['a\"b']` to the key `a\"b`).
function readQuotedName(cursor: TextCursor): string {
  const quote = cursor.peek();
  if (quote !== "'" && quote !== '"')
    cursor.fail(`expected a quoted name but found ${cursor.describeNext()}`);
  const start = ++cursor.position;
  while (!cursor.done && cursor.peek() !== quote) cursor.position += cursor.peek() === "\\" ? 2 : 1;
  if (cursor.done) cursor.fail(`unterminated quoted name`, start - 1);
  const name = cursor.text.slice(start, cursor.position);
  cursor.position++;
  return name;
}

function readIndexes(cursor: TextCursor): PathSegment {
  const first = readInteger(cursor);
  cursor.skipSpaces();
  if (cursor.eat(":")) {
    cursor.skipSpaces();
    const end = readInteger(cursor);
    return { kind: "slice", start: first, end };
  }
  if (first === undefined)
    cursor.fail(`expected an index, a name, '*' or '?' but found ${cursor.describeNext()}`);
  const indexes = [first];
  while (cursor.eat(",")) {
    cursor.skipSpaces();
    const index = readInteger(cursor);
    if (index === undefined) cursor.fail(`expected an index but found ${cursor.describeNext()}`);
    indexes.push(index);
    cursor.skipSpaces();
  }
  return indexes.length === 1 ? { kind: "index", index: first } : { kind: "indexes", indexes };
}

function readInteger(cursor: TextCursor): number | undefined {
  const match = /^-?\d+/.exec(cursor.text.slice(cursor.position));
  if (match === null) return undefined;
  cursor.position += match[0].length;
  return Number(match[0]);
}
