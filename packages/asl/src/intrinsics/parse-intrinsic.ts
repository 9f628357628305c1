import { parseJsonNumber } from "../json-number.ts";
import { readPath } from "../jsonpath/path-parser.ts";
import { PathSyntaxError } from "../jsonpath/path-syntax-error.ts";
import { TextCursor } from "../jsonpath/text-cursor.ts";
import type { IntrinsicArgument, IntrinsicCall } from "./intrinsic-ast.ts";
import { IntrinsicSyntaxError } from "./intrinsic-syntax-error.ts";

/**
 * Parses an intrinsic function call such as `States.Format('x {}', $.a, States.Array(1, 2))`. Arguments
 * are string literals ('...' with escapes \' \{ \} \\), numbers, true/false/null, paths (`$`, `$$`,
 * `$name`) and nested calls. Throws {@link IntrinsicSyntaxError}.
 */
export function parseIntrinsic(text: string): IntrinsicCall {
  const cursor = new TextCursor(
    text,
    (position, problem) => new IntrinsicSyntaxError(text, `${problem} (at position ${position})`),
  );
  cursor.skipSpaces();
  const call = readCall(cursor);
  cursor.skipSpaces();
  if (!cursor.done) cursor.fail(`unexpected ${cursor.describeNext()} after the call`);
  return call;
}

function readCall(cursor: TextCursor): IntrinsicCall {
  const start = cursor.position;
  const name = /^States\.[A-Za-z0-9]+/.exec(cursor.text.slice(start))?.[0];
  if (name === undefined) cursor.fail("expected an intrinsic function name such as 'States.Format'");
  cursor.position += name.length;
  cursor.skipSpaces();
  cursor.expect("(");
  const args: IntrinsicArgument[] = [];
  cursor.skipSpaces();
  if (!cursor.eat(")")) {
    do {
      cursor.skipSpaces();
      args.push(readArgument(cursor));
      cursor.skipSpaces();
    } while (cursor.eat(","));
    if (!cursor.eat(")")) cursor.fail(`expected ',' or ')' but found ${cursor.describeNext()}`);
  }
  return { name, args, text: cursor.text.slice(start, cursor.position) };
}

function readArgument(cursor: TextCursor): IntrinsicArgument {
  const next = cursor.peek();
  if (next === "'") return readString(cursor);
  if (next === "$") {
    const start = cursor.position;
    try {
      const path = readPath(cursor, "argument");
      return { kind: "path", text: cursor.text.slice(start, cursor.position), path };
    } catch (error) {
      if (error instanceof PathSyntaxError) cursor.fail(`invalid path argument: ${error.message}`, start);
      throw error;
    }
  }
  if (cursor.text.startsWith("States.", cursor.position)) return { kind: "call", call: readCall(cursor) };
  for (const [word, value] of [
    ["true", true],
    ["false", false],
    ["null", null],
  ] as const) {
    if (cursor.text.startsWith(word, cursor.position) && !/\w/.test(cursor.peek(word.length))) {
      cursor.position += word.length;
      return { kind: "literal", value };
    }
  }
  const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(cursor.text.slice(cursor.position));
  if (number !== null && !/[\w.]/.test(cursor.peek(number[0].length))) {
    cursor.position += number[0].length;
    return { kind: "literal", value: parseJsonNumber(number[0]) };
  }
  return cursor.fail(
    `expected an argument (a 'string', a number, true, false, null, a path or a call) but found ${cursor.describeNext()}`,
  );
}

// Escapes: \' \{ \} \\ stand for the character itself; any other backslash is kept as written.
function readString(cursor: TextCursor): IntrinsicArgument {
  const start = cursor.position++;
  let value = "";
  while (!cursor.done && cursor.peek() !== "'") {
    const char = cursor.text.charAt(cursor.position++);
    if (char === "\\" && !cursor.done) {
      const escaped = cursor.text.charAt(cursor.position++);
      value += "'{}\\".includes(escaped) ? escaped : `\\${escaped}`;
    } else {
      value += char;
    }
  }
  if (cursor.done) cursor.fail("unterminated string literal", start);
  cursor.position++;
  return { kind: "string", value, raw: cursor.text.slice(start + 1, cursor.position - 1) };
}
