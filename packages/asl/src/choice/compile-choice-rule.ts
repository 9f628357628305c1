import { StatesError, StatesFailure } from "../errors.ts";
import { isJsonObject, type Json, type JsonObject } from "../json.ts";
import { compileReferencePath } from "../jsonpath/reference-path.ts";
import type { QueryScope } from "../scope.ts";
import { comparisonOperatorOf } from "./comparison-operators.ts";
import { TypeTests } from "./type-tests.ts";

/** A compiled Choice rule: true when the rule matches in this scope. */
export type ChoiceRulePredicate = (scope: QueryScope) => boolean;

/**
 * Compiles one JSONPath Choice rule (top-level or nested: `And`, `Or`, `Not`, or a `Variable` with one
 * operator) into a predicate (ASL specification, "Choice Rules"). Everything is parsed here, once.
 *
 * Semantics as Step Functions: a value of the wrong type compares false (`NumericEquals` on a string); numbers
 * compare by value (`1` equals `1.0`); `And`/`Or` short-circuit left to right. A `Variable` or `*Path`
 * operand that matches nothing throws {@link StatesFailure} `States.Runtime` ("Invalid path '$.x': The
 * choice state's condition path references an invalid value."), except under `IsPresent`, which is then
 * simply false (or true for `IsPresent: false`).
 *
 * The rule must have passed `choiceRuleProblems`; a malformed rule throws a plain `Error`.
 *
 * @example compileChoiceRule({ Variable: "$.n", NumericGreaterThan: 3 })({ input: { n: 5 }, context: null, variables: noVariables }) // true
 */
export function compileChoiceRule(rule: JsonObject): ChoiceRulePredicate {
  if (rule.And !== undefined) {
    const parts = nestedRules(rule.And, "And").map(compileChoiceRule);
    return (scope) => {
      for (const part of parts) if (!part(scope)) return false;
      return true;
    };
  }
  if (rule.Or !== undefined) {
    const parts = nestedRules(rule.Or, "Or").map(compileChoiceRule);
    return (scope) => {
      for (const part of parts) if (part(scope)) return true;
      return false;
    };
  }
  if (rule.Not !== undefined) {
    if (!isJsonObject(rule.Not)) throw new Error("Choice rule: Not must be a Choice rule object");
    const inner = compileChoiceRule(rule.Not);
    return (scope) => !inner(scope);
  }
  return compileDataTest(rule);
}

function nestedRules(value: Json, field: string): JsonObject[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isJsonObject)) {
    throw new Error(`Choice rule: ${field} must be a non-empty array of Choice rule objects`);
  }
  return value;
}

/** Reads a path that must match: a miss is the runtime error AWS raises for Choice conditions. */
function requiredReader(pathText: string): (scope: QueryScope) => Json {
  const path = compileReferencePath(pathText);
  return (scope) => {
    const value = path.get(scope);
    if (value === undefined) {
      throw new StatesFailure(
        StatesError.Runtime,
        `Invalid path '${pathText}': The choice state's condition path references an invalid value.`,
      );
    }
    return value;
  };
}

function compileDataTest(rule: JsonObject): ChoiceRulePredicate {
  const variableText = rule.Variable;
  if (typeof variableText !== "string") {
    throw new Error("Choice rule: a comparison needs a Variable path");
  }
  for (const [field, value] of Object.entries(rule)) {
    if (field === "IsPresent") {
      const path = compileReferencePath(variableText);
      const expected = value === true;
      return (scope) => (path.get(scope) !== undefined) === expected;
    }
    if (Object.hasOwn(TypeTests, field)) {
      const test = TypeTests[field as keyof typeof TypeTests];
      const read = requiredReader(variableText);
      const expected = value === true;
      return (scope) => test(read(scope)) === expected;
    }
    const resolved = comparisonOperatorOf(field);
    if (resolved === undefined) continue;
    const read = requiredReader(variableText);
    if (resolved.isPath) {
      if (typeof value !== "string") throw new Error(`Choice rule: ${field} must be a path`);
      const readOperand = requiredReader(value);
      const { operator } = resolved;
      return (scope) => {
        const actual = read(scope);
        return operator.compare(actual, readOperand(scope));
      };
    }
    const test = resolved.operator.bind(value);
    return (scope) => test(read(scope));
  }
  throw new Error("Choice rule: no comparison operator next to Variable");
}
