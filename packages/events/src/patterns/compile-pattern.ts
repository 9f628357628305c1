import { JsonSyntaxError, JsonToken, JsonTokenizer, type JsonTokenKind } from "../json/json-tokenizer.ts";
import { comparableNumber } from "./comparable-number.ts";
import { InvalidEventPatternError } from "./invalid-event-pattern-error.ts";
import { parseCidr, parseIpAddress } from "./ip-address.ts";
import { foldCase, type Bound, type Matcher } from "./matcher.ts";
import { parseWildcard, type WildcardPattern } from "./wildcard.ts";
import { MaxWildcardComplexity, wildcardComplexity } from "./wildcard-complexity.ts";

/** One alternative of a pattern (a `$or` expands into several): dot-joined field path → any-of matchers. */
export type PatternBranch = ReadonlyMap<string, readonly Matcher[]>;

/** A compiled event pattern: the event matches when any branch matches. */
export type CompiledPattern = { readonly source: string; readonly branches: readonly PatternBranch[] };

const OR = "$or";
const RESERVED_IN_OR = new Set([
  "anything-but",
  "cidr",
  "equals-ignore-case",
  "exists",
  "numeric",
  "prefix",
  "suffix",
  "wildcard",
]);

type Branch = Map<string, Matcher[]>;

/**
 * Compiles EventBridge event-pattern text, validating it exactly as PutRule / TestEventPattern do (the
 * grammar and messages of aws/event-ruler's JsonRuleCompiler). A key repeated in the text keeps its last
 * value, as with Jackson.
 * @throws InvalidEventPatternError for any invalid pattern.
 * @example compilePattern('{"source": ["aws.ec2"], "detail": {"state": [{"prefix": "run"}]}}')
 */
export function compilePattern(patternText: string): CompiledPattern {
  const tokens = new JsonTokenizer(patternText);
  try {
    const branches: Branch[] = [];
    if (tokens.next() !== JsonToken.StartObject) tokens.fail("Filter is not an object");
    parseObject(tokens, branches, [], false);
    checkWildcardComplexity(branches);
    return { source: patternText, branches };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new InvalidEventPatternError(error.reason, error.message.slice(error.reason.length + 5));
    }
    throw error;
  }
}

function parseObject(tokens: JsonTokenizer, branches: Branch[], path: string[], insideOr: boolean): void {
  let fieldsPresent = false;
  while (tokens.next() !== JsonToken.EndObject) {
    fieldsPresent = true;
    const name = tokens.fieldName();
    if (name === OR) {
      parseOr(tokens, branches, path);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) {
      tokens.fail(`${name} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    switch (tokens.next()) {
      case JsonToken.StartObject:
        parseObject(tokens, branches, [...path, name], insideOr);
        break;
      case JsonToken.StartArray:
        writeField(tokens, branches, [...path, name].join("."));
        break;
      default:
        tokens.fail(`"${name}" must be an object or an array`);
    }
  }
  if (!fieldsPresent) tokens.fail("Empty objects are not allowed");
}

function parseOr(tokens: JsonTokenizer, branches: Branch[], path: string[]): void {
  const current = branches.map((b) => new Map(b));
  branches.length = 0;
  if (tokens.next() !== JsonToken.StartArray) tokens.fail(`It must be an Array followed with ${OR}.`);
  let count = 0;
  for (let token = tokens.next(); token !== JsonToken.EndArray; token = tokens.next()) {
    count++;
    if (token !== JsonToken.StartObject) {
      tokens.fail(`Only JSON object is allowed in array of ${OR} relationship.`);
    }
    const forked = current.map((b) => new Map(b));
    if (forked.length === 0) forked.push(new Map());
    parseObject(tokens, forked, path, true);
    branches.push(...forked);
  }
  if (count < 2) tokens.fail(`There must have at least 2 Objects in ${OR} relationship.`);
}

function writeField(tokens: JsonTokenizer, branches: Branch[], name: string): void {
  const matchers: Matcher[] = [];
  for (let token = tokens.next(); token !== JsonToken.EndArray; token = tokens.next()) {
    switch (token) {
      case JsonToken.StartObject:
        matchers.push(matchExpression(tokens));
        break;
      case JsonToken.String: {
        const text = tokens.text();
        const ip = parseIpAddress(text);
        matchers.push(
          ip === undefined
            ? { kind: "exact-string", value: text }
            : { kind: "ip", range: { v6: ip.v6, low: ip.value, high: ip.value } },
        );
        break;
      }
      case JsonToken.Int:
      case JsonToken.Float:
        matchers.push({
          kind: "exact-number",
          text: tokens.text(),
          comparable: comparableNumber(tokens.text()),
        });
        break;
      case JsonToken.True:
      case JsonToken.False:
      case JsonToken.Null:
        matchers.push({ kind: "exact-literal", text: tokens.text() as "true" | "false" | "null" });
        break;
      default:
        tokens.fail("Match value must be String, number, true, false, or null");
    }
  }
  if (matchers.length === 0) tokens.fail("Empty arrays are not allowed");
  if (branches.length === 0) branches.push(new Map());
  for (const branch of branches) {
    // Jackson streams keys in order, so a repeated path simply overwrites: the last occurrence wins.
    branch.delete(name);
    branch.set(name, matchers);
  }
}

function expectEndObject(tokens: JsonTokenizer): void {
  if (tokens.next() !== JsonToken.EndObject) tokens.fail("Only one key allowed in match expression");
}

function stringOperand(tokens: JsonTokenizer, message: string): string {
  if (tokens.next() !== JsonToken.String) tokens.fail(message);
  return tokens.text();
}

function matchExpression(tokens: JsonTokenizer): Matcher {
  if (tokens.next() !== JsonToken.FieldName) tokens.fail("Match expression name not found");
  const name = tokens.fieldName();
  switch (name) {
    case "prefix":
    case "suffix": {
      const token = tokens.next();
      if (token === JsonToken.StartObject) {
        if (tokens.next() !== JsonToken.FieldName) {
          tokens.fail(`${name === "prefix" ? "Prefix" : "Suffix"} expression name not found`);
        }
        if (tokens.fieldName() !== "equals-ignore-case") {
          tokens.fail(`Unsupported ${name} pattern: ${tokens.fieldName()}`);
        }
        const value = stringOperand(tokens, "equals-ignore-case match pattern must be a string");
        expectEndObject(tokens);
        expectEndObject(tokens);
        return { kind: name, value, ignoreCase: true };
      }
      if (token !== JsonToken.String) tokens.fail(`${name} match pattern must be a string`);
      const value = tokens.text();
      expectEndObject(tokens);
      return { kind: name, value, ignoreCase: false };
    }
    case "equals-ignore-case": {
      const value = stringOperand(tokens, "equals-ignore-case match pattern must be a string");
      expectEndObject(tokens);
      return { kind: "equals-ignore-case", value };
    }
    case "wildcard": {
      const value = stringOperand(tokens, "wildcard match pattern must be a string");
      const pattern = wildcard(tokens, value);
      expectEndObject(tokens);
      return { kind: "wildcard", pattern };
    }
    case "numeric": {
      if (tokens.next() !== JsonToken.StartArray) tokens.fail("Value of numeric must be an array.");
      const matcher = numericExpression(tokens);
      if (tokens.next() !== JsonToken.EndObject) tokens.fail("Too many elements in numeric expression");
      return matcher;
    }
    case "exists": {
      const token = tokens.next();
      if (token !== JsonToken.True && token !== JsonToken.False) {
        tokens.fail("exists match pattern must be either true or false.");
      }
      expectEndObject(tokens);
      return { kind: "exists", exists: token === JsonToken.True };
    }
    case "cidr": {
      const text = stringOperand(tokens, "prefix match pattern must be a string");
      let range;
      try {
        range = parseCidr(text);
      } catch (error) {
        // event-ruler raises these outside the parser, so AWS prints them without a location.
        throw new InvalidEventPatternError((error as Error).message);
      }
      expectEndObject(tokens);
      return { kind: "ip", range };
    }
    case "anything-but":
      return anythingBut(tokens);
    default:
      return tokens.fail(`Unrecognized match type ${name}`);
  }
}

function wildcard(tokens: JsonTokenizer, value: string): WildcardPattern {
  try {
    return parseWildcard(value);
  } catch (error) {
    return tokens.fail((error as Error).message);
  }
}

type AnythingButKind = "plain" | "equals-ignore-case" | "prefix" | "suffix" | "wildcard";

function anythingBut(tokens: JsonTokenizer): Matcher {
  let kind: AnythingButKind = "plain";
  let token = tokens.next();
  if (token === JsonToken.StartObject) {
    if (tokens.next() !== JsonToken.FieldName) tokens.fail("Anything-But expression name not found");
    const op = tokens.fieldName();
    if (op !== "equals-ignore-case" && op !== "prefix" && op !== "suffix" && op !== "wildcard") {
      tokens.fail(`Unsupported anything-but pattern: ${op}`);
    }
    kind = op;
    token = tokens.next();
  }
  if (
    token !== JsonToken.StartArray &&
    token !== JsonToken.String &&
    token !== JsonToken.Int &&
    token !== JsonToken.Float
  ) {
    tokens.fail("Value of anything-but must be an array or single string/number value.");
  }
  const matcher =
    kind === "plain"
      ? plainAnythingBut(tokens, token)
      : anythingButSet(tokens, kind, token === JsonToken.StartArray ? undefined : token);
  if (tokens.next() !== JsonToken.EndObject) tokens.fail("Too many elements in numeric expression");
  if (kind !== "plain" && tokens.next() !== JsonToken.EndObject) {
    tokens.fail("Too many elements in numeric expression");
  }
  return matcher;
}

function anythingButNumber(tokens: JsonTokenizer): bigint {
  const value = comparableNumber(tokens.text());
  if (value === undefined) tokens.fail("Value must be between -5000000000 and 5000000000, inclusive");
  return value;
}

function plainAnythingBut(tokens: JsonTokenizer, first: JsonTokenKind): Matcher {
  if (first === JsonToken.String) return { kind: "anything-but-strings", values: new Set([tokens.text()]) };
  if (first !== JsonToken.StartArray) {
    return { kind: "anything-but-numbers", values: new Set([anythingButNumber(tokens)]) };
  }
  const strings = new Set<string>();
  const numbers = new Set<bigint>();
  for (let token = tokens.next(); token !== JsonToken.EndArray; token = tokens.next()) {
    if (token === JsonToken.String) strings.add(tokens.text());
    else if (token === JsonToken.Int || token === JsonToken.Float) numbers.add(anythingButNumber(tokens));
    else tokens.fail("Inside anything but list, start|null|boolean is not supported.");
  }
  if (strings.size > 0 === numbers.size > 0) {
    tokens.fail(
      "Inside anything but list, either all values are number or string, mixed type is not supported",
    );
  }
  return strings.size > 0
    ? { kind: "anything-but-strings", values: strings }
    : { kind: "anything-but-numbers", values: numbers };
}

function anythingButSet(
  tokens: JsonTokenizer,
  kind: Exclude<AnythingButKind, "plain">,
  single?: JsonTokenKind,
) {
  const values: string[] = [];
  const wrongType = (): never =>
    tokens.fail(
      kind === "equals-ignore-case"
        ? "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
        : kind === "wildcard"
          ? "wildcard match pattern must be a string"
          : "prefix/suffix match pattern must be a string",
    );
  const take = (token: JsonTokenKind): void => {
    if (token !== JsonToken.String) wrongType();
    const text = tokens.text();
    if ((kind === "prefix" || kind === "suffix") && text === "")
      tokens.fail("Null prefix/suffix not allowed");
    values.push(text);
  };
  if (single === undefined) {
    for (let token = tokens.next(); token !== JsonToken.EndArray; token = tokens.next()) take(token);
  } else {
    take(single);
  }
  switch (kind) {
    case "equals-ignore-case":
      return { kind: "anything-but-ignore-case", values: new Set(values.map(foldCase)) } as const;
    case "prefix":
      return { kind: "anything-but-prefix", values } as const;
    case "suffix":
      return { kind: "anything-but-suffix", values } as const;
    case "wildcard":
      return { kind: "anything-but-wildcard", patterns: values.map((v) => wildcard(tokens, v)) } as const;
  }
}

function numericValue(tokens: JsonTokenizer, token: JsonTokenKind, operator: string): bigint {
  if (token !== JsonToken.Int && token !== JsonToken.Float) {
    tokens.fail(`Value of ${operator === "=" ? "equals" : operator} must be numeric`);
  }
  const value = comparableNumber(tokens.text());
  if (value === undefined) tokens.fail("Value must be between -5000000000 and 5000000000, inclusive");
  return value;
}

function numericExpression(tokens: JsonTokenizer): Matcher {
  if (tokens.next() !== JsonToken.String) tokens.fail(`Invalid member in numeric match: ${tokens.text()}`);
  const operator = tokens.text();
  const token = tokens.next();
  switch (operator) {
    case "=": {
      const value = numericValue(tokens, token, operator);
      if (tokens.next() !== JsonToken.EndArray) tokens.fail("Too many elements in numeric expression");
      return { kind: "numeric", low: { value, open: false }, high: { value, open: false } };
    }
    case ">":
    case ">=": {
      const low: Bound = { value: numericValue(tokens, token, operator), open: operator === ">" };
      const next = tokens.next();
      if (next === JsonToken.EndArray) return { kind: "numeric", low, high: undefined };
      return { kind: "numeric", low, high: upperBound(tokens, next, low) };
    }
    case "<":
    case "<=": {
      const high: Bound = { value: numericValue(tokens, token, operator), open: operator === "<" };
      if (tokens.next() !== JsonToken.EndArray) tokens.fail("Too many elements in numeric expression");
      return { kind: "numeric", low: undefined, high };
    }
    default:
      return tokens.fail(`Unrecognized numeric range operator: ${operator}`);
  }
}

function upperBound(tokens: JsonTokenizer, token: JsonTokenKind, low: Bound): Bound {
  if (token !== JsonToken.String) tokens.fail(`Bad value in numeric range: ${tokens.text()}`);
  const operator = tokens.text();
  if (operator !== "<" && operator !== "<=") tokens.fail(`Bad numeric range operator: ${operator}`);
  const value = numericValue(tokens, tokens.next(), operator);
  if (tokens.next() !== JsonToken.EndArray) tokens.fail("Too many terms in numeric range expression");
  if (low.value >= value) tokens.fail("Bottom must be less than top");
  return { value, open: operator === "<" };
}

function checkWildcardComplexity(branches: readonly Branch[]): void {
  const byField = new Map<string, WildcardPattern[]>();
  for (const branch of branches) {
    for (const [path, matchers] of branch) {
      for (const m of matchers) {
        const patterns =
          m.kind === "wildcard" ? [m.pattern] : m.kind === "anything-but-wildcard" ? m.patterns : undefined;
        if (patterns !== undefined) byField.set(path, [...(byField.get(path) ?? []), ...patterns]);
      }
    }
  }
  for (const patterns of byField.values()) {
    if (wildcardComplexity(patterns) > MaxWildcardComplexity) {
      throw new InvalidEventPatternError(
        "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character",
      );
    }
  }
}
