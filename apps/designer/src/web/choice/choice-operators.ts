import {
  ComparisonOperators,
  TypeTests,
  parseTimestamp,
  referencePathSyntaxProblem,
  type ComparisonOperandKind,
} from "@stepflow/asl";

/** What a Choice comparison's operand is, as the form edits it. */
export type OperandKind = ComparisonOperandKind | "path" | "flag";

/** Every comparison field of a JSONPath Choice rule: literal and `*Path` operators, then type tests. */
export const CHOICE_OPERATORS: readonly string[] = [
  ...Object.entries(ComparisonOperators).flatMap(([name, operator]) =>
    operator.hasPathVariant ? [name, `${name}Path`] : [name],
  ),
  "IsPresent",
  ...Object.keys(TypeTests),
];

const OPERATOR_SET = new Set(CHOICE_OPERATORS);

/** True when `field` is a comparison field (`NumericGreaterThanPath`, `IsNull`, ...). */
export function isChoiceOperator(field: string): boolean {
  return OPERATOR_SET.has(field);
}

/** The operand kind of a comparison field; `flag` for `Is*` (true/false), `path` for `*Path`. */
export function operandKind(operator: string): OperandKind {
  if (operator.startsWith("Is")) return "flag";
  if (Object.hasOwn(ComparisonOperators, operator))
    return ComparisonOperators[operator as keyof typeof ComparisonOperators].operand;
  return "path";
}

/**
 * The operand an operator starts with when picked: the current one when it still fits (a switch
 * from `StringEquals` to `StringLessThan` keeps "abc"), else a neutral value of the right kind.
 */
export function operandFor(operator: string, current: unknown): unknown {
  const kind = operandKind(operator);
  if (operandProblem(operator, current) === undefined) return current;
  switch (kind) {
    case "flag":
    case "boolean":
      return true;
    case "number":
      return 0;
    case "path":
      return "$.value";
    case "timestamp":
      return "2024-01-01T00:00:00Z";
    case "string":
    case "pattern":
      return typeof current === "string" || typeof current === "number" ? String(current) : "";
  }
}

/** Why `value` is not a valid operand of `operator`, or undefined when it is. */
export function operandProblem(operator: string, value: unknown): string | undefined {
  switch (operandKind(operator)) {
    case "flag":
    case "boolean":
      return typeof value === "boolean" ? undefined : `${operator} takes true or false`;
    case "number":
      return typeof value === "number" ? undefined : `${operator} compares with a number`;
    case "string":
    case "pattern":
      return typeof value === "string" ? undefined : `${operator} compares with a string`;
    case "timestamp":
      return typeof value === "string" && parseTimestamp(value) !== undefined
        ? undefined
        : `${operator} compares with an ISO 8601 timestamp such as 2024-01-01T00:00:00Z`;
    case "path":
      return typeof value === "string"
        ? referencePathProblem(value)
        : `${operator} takes a reference path such as $.limit`;
  }
}

/** Why `text` is not a Reference Path (as `Variable` and `*Path` operands must be). */
export function referencePathProblem(text: string): string | undefined {
  const problem = referencePathSyntaxProblem(text);
  return problem === undefined ? undefined : `not a reference path: ${problem}`;
}
