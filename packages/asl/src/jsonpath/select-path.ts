import { isJsonObject, type Json } from "../json.ts";
import { compareNumeric, isNumeric, toNumber } from "../json-number.ts";
import type { FilterExpression, FilterOperand, PathFunctionName, PathSegment } from "./path-ast.ts";

/**
 * Applies path segments to a value the general way (a list of matches per step), as Jayway does for
 * indefinite paths: wildcards, deep scan, slices, unions and filters. `document` is what `$` means
 * inside a filter. A trailing function segment is not handled here (see {@link applyPathFunction}).
 */
export function selectAll(value: Json, segments: readonly PathSegment[], document: Json): Json[] {
  let nodes: Json[] = [value];
  for (const segment of segments) {
    const next: Json[] = [];
    for (const node of nodes) applySegment(segment, node, next, document);
    nodes = next;
  }
  return nodes;
}

function applySegment(segment: PathSegment, node: Json, out: Json[], document: Json): void {
  switch (segment.kind) {
    case "name":
      if (isObject(node) && Object.hasOwn(node, segment.name)) out.push(node[segment.name] as Json);
      return;
    case "names":
      if (isObject(node)) {
        for (const name of segment.names) if (Object.hasOwn(node, name)) out.push(node[name] as Json);
      }
      return;
    case "index":
      if (Array.isArray(node)) pushIndex(node, segment.index, out);
      return;
    case "indexes":
      if (Array.isArray(node)) for (const index of segment.indexes) pushIndex(node, index, out);
      return;
    case "wildcard":
      if (Array.isArray(node)) out.push(...node);
      else if (isObject(node)) out.push(...Object.values(node));
      return;
    case "slice":
      if (Array.isArray(node)) out.push(...node.slice(segment.start ?? 0, segment.end ?? node.length));
      return;
    case "filter":
      if (Array.isArray(node)) {
        for (const item of node) if (testFilter(segment.filter, item, document)) out.push(item);
      } else if (isObject(node) && testFilter(segment.filter, node, document)) {
        out.push(node);
      }
      return;
    case "scan":
      scan(segment.then, node, out, document);
      return;
    case "function":
      return;
  }
}

// Pre-order walk, as Jayway's ScanPathToken: the step applies to every node, the root included; a
// filter tests each object node itself.
function scan(then: PathSegment, node: Json, out: Json[], document: Json): void {
  if (then.kind === "filter") {
    if (isObject(node) && testFilter(then.filter, node, document)) out.push(node);
  } else {
    applySegment(then, node, out, document);
  }
  if (Array.isArray(node)) for (const child of node) scan(then, child, out, document);
  else if (isObject(node)) for (const child of Object.values(node)) scan(then, child, out, document);
}

function pushIndex(array: readonly Json[], index: number, out: Json[]): void {
  const at = index < 0 ? array.length + index : index;
  if (at >= 0 && at < array.length) out.push(array[at] as Json);
}

const isObject = isJsonObject;

/** Jayway's path functions (`length()`, `min()`, ...); undefined when the function has no answer. */
export function applyPathFunction(name: PathFunctionName, value: Json | undefined): Json | undefined {
  if (value === undefined) return undefined;
  switch (name) {
    case "length":
    case "size":
      if (Array.isArray(value) || typeof value === "string") return value.length;
      return isObject(value) ? Object.keys(value).length : undefined;
    case "keys":
      return isObject(value) ? Object.keys(value) : undefined;
    case "first":
      return Array.isArray(value) ? value[0] : undefined;
    case "last":
      return Array.isArray(value) ? value.at(-1) : undefined;
    default:
      return aggregate(name, value);
  }
}

function aggregate(name: "min" | "max" | "avg" | "sum" | "stddev", value: Json): Json | undefined {
  if (!Array.isArray(value)) return undefined;
  const numbers = value.filter(isNumeric).map(toNumber);
  if (numbers.length === 0) return undefined;
  const sum = numbers.reduce((total, n) => total + n, 0);
  const mean = sum / numbers.length;
  switch (name) {
    case "min":
      return Math.min(...numbers);
    case "max":
      return Math.max(...numbers);
    case "sum":
      return sum;
    case "avg":
      return mean;
    case "stddev":
      return Math.sqrt(numbers.reduce((total, n) => total + (n - mean) ** 2, 0) / numbers.length);
  }
}

const missing = Symbol("missing");
type Operand = Json | RegExp | typeof missing;

function testFilter(filter: FilterExpression, current: Json, document: Json): boolean {
  switch (filter.kind) {
    case "or":
      return testFilter(filter.left, current, document) || testFilter(filter.right, current, document);
    case "and":
      return testFilter(filter.left, current, document) && testFilter(filter.right, current, document);
    case "not":
      return !testFilter(filter.operand, current, document);
    case "exists": {
      const value = operandValue(filter.operand, current, document);
      return (
        value !== missing &&
        !(Array.isArray(value) && isIndefiniteOperand(filter.operand) && value.length === 0)
      );
    }
    case "compare":
      return compare(
        filter.operator,
        operandValue(filter.left, current, document),
        operandValue(filter.right, current, document),
      );
  }
}

function isIndefiniteOperand(operand: FilterOperand): boolean {
  return operand.kind === "path" && operand.path.segments.some((s) => !isDefiniteStep(s));
}

function isDefiniteStep(segment: PathSegment): boolean {
  return segment.kind === "name" || segment.kind === "index" || segment.kind === "function";
}

interface PreparedPath {
  readonly steps: readonly PathSegment[];
  readonly definite: boolean;
  readonly fn: PathFunctionName | undefined;
}

// Filters run once per candidate node: split each operand path once, not per evaluation.
const preparedPaths = new WeakMap<FilterOperand, PreparedPath>();

function prepare(operand: FilterOperand & { kind: "path" }): PreparedPath {
  let prepared = preparedPaths.get(operand);
  if (prepared === undefined) {
    const segments = operand.path.segments;
    const last = segments.at(-1);
    const steps = last?.kind === "function" ? segments.slice(0, -1) : segments;
    prepared = {
      steps,
      definite: steps.every(isDefiniteStep),
      fn: last?.kind === "function" ? last.name : undefined,
    };
    preparedPaths.set(operand, prepared);
  }
  return prepared;
}

function operandValue(operand: FilterOperand, current: Json, document: Json): Operand {
  if (operand.kind === "literal") return operand.value as Json;
  if (operand.kind === "regex") return operand.regex;
  const { steps, definite, fn } = prepare(operand);
  const start = operand.path.root.kind === "current" ? current : document;
  const matches = selectAll(start, steps, document);
  let value: Json | undefined = definite ? matches[0] : matches;
  if (fn !== undefined) value = applyPathFunction(fn, value);
  return value === undefined ? missing : value;
}

function compare(operator: string, left: Operand, right: Operand): boolean {
  if (operator === "!=") return left === missing || right === missing || !equal(left, right);
  if (left === missing || right === missing) return false;
  switch (operator) {
    case "==":
      return equal(left, right);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return order(operator, left, right);
    case "=~":
      return right instanceof RegExp && typeof left === "string" && right.test(left);
    case "in":
      return Array.isArray(right) && right.some((item) => equal(left, item));
    case "nin":
      return Array.isArray(right) && !right.some((item) => equal(left, item));
    case "subsetof":
      return Array.isArray(left) && Array.isArray(right) && left.every((a) => right.some((b) => equal(a, b)));
    case "anyof":
      return Array.isArray(left) && Array.isArray(right) && left.some((a) => right.some((b) => equal(a, b)));
    case "noneof":
      return Array.isArray(left) && Array.isArray(right) && !left.some((a) => right.some((b) => equal(a, b)));
    case "contains":
      if (typeof left === "string") return typeof right === "string" && left.includes(right);
      return Array.isArray(left) && left.some((item) => equal(item, right));
    case "size":
      return (
        (Array.isArray(left) || typeof left === "string") &&
        isNumeric(right) &&
        left.length === toNumber(right)
      );
    case "empty":
      return (Array.isArray(left) || typeof left === "string") && (left.length === 0) === right;
    default:
      return false;
  }
}

function order(operator: "<" | "<=" | ">" | ">=", left: Operand, right: Operand): boolean {
  let sign: number;
  if (isNumeric(left) && isNumeric(right)) sign = compareNumeric(left, right);
  else if (typeof left === "string" && typeof right === "string")
    sign = left < right ? -1 : left > right ? 1 : 0;
  else return false;
  switch (operator) {
    case "<":
      return sign < 0;
    case "<=":
      return sign <= 0;
    case ">":
      return sign > 0;
    case ">=":
      return sign >= 0;
  }
}

// Jayway compares a number with a numeric string by value ("1" == 1), everything else by JSON value.
function equal(left: Operand, right: Operand): boolean {
  if (left instanceof RegExp || right instanceof RegExp || left === missing || right === missing)
    return false;
  if (isNumeric(left) && typeof right === "string")
    return right.trim() !== "" && Number(right) === toNumber(left);
  if (typeof left === "string" && isNumeric(right))
    return left.trim() !== "" && Number(left) === toNumber(right);
  return deepEqual(left, right);
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  // Numbers are equal by value, as Jayway's BigDecimal comparison: 1.0 == 1.
  if (isNumeric(a)) return isNumeric(b) && compareNumeric(a, b) === 0;
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i] as Json));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key] as Json, b[key] as Json))
    );
  }
  return false;
}
