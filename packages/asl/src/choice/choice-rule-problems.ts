import { isJsonObject, type JsonObject } from "../json.ts";
import { isNumeric } from "../json-number.ts";
import { compileReferencePath } from "../jsonpath/reference-path.ts";
import { PathSyntaxError } from "../jsonpath/path-syntax-error.ts";
import { parseTimestamp } from "../timestamp.ts";
import { comparisonOperatorOf, type ComparisonOperandKind } from "./comparison-operators.ts";
import { TypeTests } from "./type-tests.ts";

/** One structural problem of a Choice rule, at a JSON path into the definition. */
export interface ChoiceRuleProblem {
  path: string;
  message: string;
}

const BOOLEAN_COMBINATIONS = ["And", "Or", "Not"] as const;
const TYPE_TEST_FIELDS = new Set<string>([...Object.keys(TypeTests), "IsPresent"]);

/**
 * Structural problems of one JSONPath Choice rule (ASL specification, "Choice Rules"), each with the JSON
 * path of the offending field (`States.Check.Choices[0].And[1].NumericEquals`). Empty when the rule is
 * well formed and can be given to `compileChoiceRule`.
 *
 * Checks: exactly one of `And`, `Or`, `Not` or a comparison (`Variable` plus exactly one operator); `And`/`Or`
 * non-empty arrays of rules and `Not` one rule, recursively; operand types (string for `String*`, a pattern
 * string for `StringMatches`, number for `Numeric*`, boolean for `BooleanEquals` and `Is*`, an ASL timestamp for
 * `Timestamp*`, a valid Reference Path for `Variable` and `*Path`); `Next` required in a top-level rule and not allowed
 * in a nested one (`Assign` likewise top-level only); no unknown fields. Whether `Next` names an existing
 * state is the definition validator's concern.
 *
 * @param at JSON path of the rule itself, used as the prefix of every problem's path.
 * @param topLevel false for a rule inside `And`, `Or` or `Not`.
 */
export function choiceRuleProblems(rule: unknown, at: string, topLevel = true): ChoiceRuleProblem[] {
  const problems: ChoiceRuleProblem[] = [];
  collect(rule, at, topLevel, problems);
  return problems;
}

function collect(rule: unknown, at: string, topLevel: boolean, problems: ChoiceRuleProblem[]): void {
  const report = (path: string, message: string) => problems.push({ path, message });
  if (!isJsonObject(rule)) {
    report(at, 'A Choice rule must be an object, such as { "Variable": "$.x", "IsPresent": true }.');
    return;
  }

  if (topLevel) {
    if (rule.Next === undefined)
      report(at, "A top-level Choice rule needs a Next field naming the state to go to.");
    else if (typeof rule.Next !== "string") report(`${at}.Next`, "Next must be a state name (a string).");
  } else {
    for (const field of ["Next", "Assign"]) {
      if (rule[field] !== undefined) {
        report(
          `${at}.${field}`,
          `${field} is allowed only in a top-level Choice rule, not inside And, Or or Not.`,
        );
      }
    }
  }
  if (rule.Comment !== undefined && typeof rule.Comment !== "string") {
    report(`${at}.Comment`, "Comment must be a string.");
  }

  const combinations = BOOLEAN_COMBINATIONS.filter((field) => rule[field] !== undefined);
  const operators = Object.keys(rule).filter(
    (field) => TYPE_TEST_FIELDS.has(field) || comparisonOperatorOf(field) !== undefined,
  );
  for (const field of Object.keys(rule)) {
    if (isKnownField(field, combinations, operators)) continue;
    report(`${at}.${field}`, unknownFieldMessage(field));
  }

  if (combinations.length + (operators.length > 0 || rule.Variable !== undefined ? 1 : 0) > 1) {
    report(
      at,
      `A Choice rule must have exactly one of And, Or, Not or a comparison (Variable and an operator); found ${[
        ...combinations,
        ...(rule.Variable === undefined ? [] : ["Variable"]),
        ...operators,
      ].join(", ")}. Nest them with And or Or instead.`,
    );
    return;
  }
  const [combination] = combinations;
  if (combination === "Not") {
    if (isJsonObject(rule.Not)) collect(rule.Not, `${at}.Not`, false, problems);
    else report(`${at}.Not`, "Not must be a single Choice rule object (not an array).");
    return;
  }
  if (combination !== undefined) {
    const nested = rule[combination];
    if (!Array.isArray(nested) || nested.length === 0) {
      report(`${at}.${combination}`, `${combination} must be a non-empty array of Choice rules.`);
      return;
    }
    nested.forEach((inner, index) => collect(inner, `${at}.${combination}[${index}]`, false, problems));
    return;
  }
  comparisonProblems(rule, at, operators, report);
}

function comparisonProblems(
  rule: JsonObject,
  at: string,
  operators: string[],
  report: (path: string, message: string) => void,
): void {
  if (rule.Variable === undefined) {
    report(
      at,
      operators.length === 0
        ? "A Choice rule needs And, Or, Not, or a Variable with a comparison operator (StringEquals, NumericGreaterThan, IsPresent, ...)."
        : `${operators.join(", ")} needs a Variable: the path of the value to compare.`,
    );
  } else if (typeof rule.Variable !== "string") {
    report(`${at}.Variable`, 'Variable must be a path string such as "$.order.total".');
  } else {
    const problem = pathProblem(rule.Variable);
    if (problem !== undefined) report(`${at}.Variable`, `Variable must be a valid path: ${problem}`);
  }
  if (operators.length === 0) {
    if (rule.Variable !== undefined) {
      report(
        at,
        "Variable needs exactly one comparison operator (StringEquals, NumericGreaterThan, IsPresent, ...).",
      );
    }
    return;
  }
  if (operators.length > 1) {
    report(
      at,
      `A Choice rule takes exactly one comparison operator, found ${operators.join(", ")}; combine them with And.`,
    );
    return;
  }
  const [field = ""] = operators;
  const value = rule[field];
  const where = `${at}.${field}`;
  if (TYPE_TEST_FIELDS.has(field)) {
    if (typeof value !== "boolean") report(where, `${field} must be true or false.`);
    return;
  }
  const resolved = comparisonOperatorOf(field);
  if (resolved === undefined) return;
  if (resolved.isPath) {
    if (typeof value !== "string") {
      report(where, `${field} must be a path string such as "$.limit".`);
      return;
    }
    const problem = pathProblem(value);
    if (problem !== undefined) report(where, `${field} must be a valid path: ${problem}`);
    return;
  }
  const problem = operandProblem(resolved.operator.operand, value);
  if (problem !== undefined) report(where, `${field} ${problem}`);
}

function operandProblem(kind: ComparisonOperandKind, value: unknown): string | undefined {
  switch (kind) {
    case "string":
    case "pattern":
      return typeof value === "string" ? undefined : "must be a string.";
    case "number":
      return isNumeric(value) ? undefined : "must be a number.";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false.";
    case "timestamp":
      return typeof value === "string" && parseTimestamp(value) !== undefined
        ? undefined
        : 'must be a timestamp such as "2016-03-14T01:59:00Z" (RFC 3339 with upper-case T, and Z or an offset like +01:00).';
  }
}

function pathProblem(text: string): string | undefined {
  try {
    compileReferencePath(text);
    return undefined;
  } catch (error) {
    if (error instanceof PathSyntaxError) return error.message;
    throw error;
  }
}

// Next and Assign are always known: a misplaced one is reported as such, not as unknown.
const ALWAYS_KNOWN = new Set(["Comment", "Variable", "Next", "Assign"]);

function isKnownField(field: string, combinations: readonly string[], operators: readonly string[]): boolean {
  return ALWAYS_KNOWN.has(field) || combinations.includes(field) || operators.includes(field);
}

function unknownFieldMessage(field: string): string {
  if (field === "Condition") {
    return 'Condition is a JSONata Choice rule field; set "QueryLanguage": "JSONata" or use Variable with an operator.';
  }
  if (field.endsWith("Path") && comparisonOperatorOf(field.slice(0, -4)) !== undefined) {
    return `${field} does not exist; ${field.slice(0, -4)} takes only a literal value.`;
  }
  return `Unknown Choice rule field '${field}'.`;
}
