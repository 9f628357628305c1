import type { FilterExpression, FilterOperand, FilterOperator, ParsedPath } from "./path-ast.ts";
import type { TextCursor } from "./text-cursor.ts";
import { parseJsonNumber } from "../json-number.ts";

const symbolOperators = ["==", "!=", "<=", ">=", "=~", "<", ">"] as const;
const wordOperators = ["in", "nin", "subsetof", "anyof", "noneof", "size", "empty", "contains"] as const;

/**
 * Reads a Jayway filter expression (the text inside `[?( ... )]`) up to its closing parenthesis, which is
 * left unread. `readPath` reads an embedded `@...` or `$...` path (injected to keep the parsers acyclic).
 */
export function readFilter(
  cursor: TextCursor,
  readPath: (cursor: TextCursor) => ParsedPath,
): FilterExpression {
  const readOr = (): FilterExpression => {
    let left = readAnd();
    for (cursor.skipSpaces(); cursor.eat("||"); cursor.skipSpaces())
      left = { kind: "or", left, right: readAnd() };
    return left;
  };
  const readAnd = (): FilterExpression => {
    let left = readUnary();
    for (cursor.skipSpaces(); cursor.eat("&&"); cursor.skipSpaces())
      left = { kind: "and", left, right: readUnary() };
    return left;
  };
  const readUnary = (): FilterExpression => {
    cursor.skipSpaces();
    if (cursor.peek() === "!" && cursor.peek(1) !== "=") {
      cursor.position++;
      return { kind: "not", operand: readUnary() };
    }
    if (cursor.eat("(")) {
      const inner = readOr();
      cursor.skipSpaces();
      cursor.expect(")");
      return inner;
    }
    return readComparison();
  };
  const readComparison = (): FilterExpression => {
    const left = readOperand(cursor, readPath);
    cursor.skipSpaces();
    const operator = readOperator(cursor);
    if (operator === undefined) {
      if (left.kind !== "path") cursor.fail("expected a comparison operator after a literal");
      return { kind: "exists", operand: left };
    }
    cursor.skipSpaces();
    return { kind: "compare", operator, left, right: readOperand(cursor, readPath) };
  };
  return readOr();
}

function readOperator(cursor: TextCursor): FilterOperator | undefined {
  for (const operator of symbolOperators) if (cursor.eat(operator)) return operator;
  for (const operator of wordOperators) {
    const after = cursor.text.charAt(cursor.position + operator.length);
    if (cursor.text.startsWith(operator, cursor.position) && !/\w/.test(after)) {
      cursor.position += operator.length;
      return operator;
    }
  }
  return undefined;
}

function readOperand(cursor: TextCursor, readPath: (cursor: TextCursor) => ParsedPath): FilterOperand {
  const next = cursor.peek();
  if (next === "@" || next === "$") return { kind: "path", path: readPath(cursor) };
  if (next === "/") return { kind: "regex", regex: readRegex(cursor) };
  return { kind: "literal", value: readLiteral(cursor) };
}

function readLiteral(cursor: TextCursor): unknown {
  const next = cursor.peek();
  if (next === "'" || next === '"') return readString(cursor);
  if (next === "[") {
    cursor.position++;
    const items: unknown[] = [];
    cursor.skipSpaces();
    if (cursor.eat("]")) return items;
    do {
      cursor.skipSpaces();
      items.push(readLiteral(cursor));
      cursor.skipSpaces();
    } while (cursor.eat(","));
    cursor.expect("]");
    return items;
  }
  for (const [word, value] of [
    ["true", true],
    ["false", false],
    ["null", null],
  ] as const) {
    if (cursor.eat(word)) return value;
  }
  const number = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(cursor.text.slice(cursor.position));
  if (number === null)
    cursor.fail(`expected a path, a literal or a regex but found ${cursor.describeNext()}`);
  cursor.position += number[0].length;
  return parseJsonNumber(number[0]);
}

function readString(cursor: TextCursor): string {
  const quote = cursor.peek();
  const start = cursor.position++;
  let value = "";
  while (!cursor.done && cursor.peek() !== quote) {
    if (cursor.peek() === "\\" && cursor.position + 1 < cursor.text.length) cursor.position++;
    value += cursor.text.charAt(cursor.position++);
  }
  if (cursor.done) cursor.fail("unterminated string literal", start);
  cursor.position++;
  return value;
}

// Jayway matches a regex against the whole value (Java's Matcher.matches), hence the anchors.
function readRegex(cursor: TextCursor): RegExp {
  const start = cursor.position++;
  let source = "";
  while (!cursor.done && cursor.peek() !== "/") {
    if (cursor.peek() === "\\") source += cursor.text.charAt(cursor.position++);
    source += cursor.text.charAt(cursor.position++);
  }
  if (cursor.done) cursor.fail("unterminated regular expression", start);
  cursor.position++;
  let flags = "";
  while (/[imsux]/.test(cursor.peek())) {
    const flag = cursor.text.charAt(cursor.position++);
    if (flag !== "x" && !flags.includes(flag)) flags += flag;
  }
  try {
    return new RegExp(`^(?:${source})$`, flags);
  } catch (error) {
    return cursor.fail(`invalid regular expression: ${(error as Error).message}`, start);
  }
}
