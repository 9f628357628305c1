import { jsonText, type Json } from "../json.ts";
import { compareNumeric, isNumeric, JsonNumber } from "../json-number.ts";
import { parseTimestamp } from "../timestamp.ts";
import { compileStringMatches } from "./string-matches.ts";

/** What the operand of a comparison operator must be (after resolving a `*Path` operand). */
export type ComparisonOperandKind = "string" | "number" | "boolean" | "timestamp" | "pattern";

/** One comparison operator of a JSONPath Choice rule, in its literal and its `*Path` form. */
export interface ComparisonOperator {
  /** What a literal operand must be; also what a `*Path` operand must resolve to for a true result. */
  readonly operand: ComparisonOperandKind;
  /** Whether the operator has a `*Path` variant (all but `StringMatches`). */
  readonly hasPathVariant: boolean;
  /** Specialises the test for a literal operand that has already been validated (parsed once here). */
  bind(expected: Json): (actual: Json) => boolean;
  /** Tests against an operand read at run time; a value of the wrong type on either side is false. */
  compare(actual: Json, expected: Json): boolean;
}

type Relation = (order: number) => boolean;

const equal: Relation = (order) => order === 0;
const less: Relation = (order) => order < 0;
const greater: Relation = (order) => order > 0;
const lessOrEqual: Relation = (order) => order <= 0;
const greaterOrEqual: Relation = (order) => order >= 0;

// Strings compare by UTF-16 code unit, as Java's String.compareTo (the order Step Functions uses). Numbers
// are not subtracted: 1e400 is Infinity, and Infinity - Infinity is NaN.
function order<T extends string | number>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function numeric(relation: Relation): ComparisonOperator {
  return {
    operand: "number",
    hasPathVariant: true,
    bind: (expected) => {
      const b = expected as number | JsonNumber;
      // Plain numbers on both sides (the common case) take the cheap comparison.
      if (typeof b === "number")
        return (actual) =>
          typeof actual === "number"
            ? relation(order(actual, b))
            : actual instanceof JsonNumber && relation(compareNumeric(actual, b));
      return (actual) => isNumeric(actual) && relation(compareNumeric(actual, b));
    },
    compare: (actual, expected) =>
      isNumeric(actual) && isNumeric(expected) && relation(compareNumeric(actual, expected)),
  };
}

function string(relation: Relation): ComparisonOperator {
  return {
    operand: "string",
    hasPathVariant: true,
    bind: (expected) => {
      const b = expected as string;
      return (actual) => typeof actual === "string" && relation(order(actual, b));
    },
    compare: (actual, expected) =>
      typeof actual === "string" && typeof expected === "string" && relation(order(actual, expected)),
  };
}

function instant(value: Json): number | undefined {
  return typeof value === "string" ? parseTimestamp(value) : undefined;
}

function timestamp(relation: Relation): ComparisonOperator {
  return {
    operand: "timestamp",
    hasPathVariant: true,
    bind: (expected) => {
      const b = instant(expected);
      if (b === undefined) throw new TypeError(`Not an ASL timestamp: ${jsonText(expected)}`);
      return (actual) => {
        const a = instant(actual);
        return a !== undefined && relation(a - b);
      };
    },
    compare: (actual, expected) => {
      const a = instant(actual);
      const b = instant(expected);
      return a !== undefined && b !== undefined && relation(a - b);
    },
  };
}

const booleanEquals: ComparisonOperator = {
  operand: "boolean",
  hasPathVariant: true,
  bind: (expected) => (actual) => actual === expected,
  compare: (actual, expected) => typeof actual === "boolean" && actual === expected,
};

const stringMatches: ComparisonOperator = {
  operand: "pattern",
  hasPathVariant: false,
  bind: (expected) => {
    const matches = compileStringMatches(expected as string);
    return (actual) => typeof actual === "string" && matches(actual);
  },
  compare: (actual, expected) =>
    typeof actual === "string" && typeof expected === "string" && compileStringMatches(expected)(actual),
};

/**
 * The comparison operators of JSONPath Choice rules by ASL name (without the `Path` suffix). A closed set:
 * a name not in this table is not a comparison operator.
 */
export const ComparisonOperators = {
  StringEquals: string(equal),
  StringLessThan: string(less),
  StringGreaterThan: string(greater),
  StringLessThanEquals: string(lessOrEqual),
  StringGreaterThanEquals: string(greaterOrEqual),
  StringMatches: stringMatches,
  NumericEquals: numeric(equal),
  NumericLessThan: numeric(less),
  NumericGreaterThan: numeric(greater),
  NumericLessThanEquals: numeric(lessOrEqual),
  NumericGreaterThanEquals: numeric(greaterOrEqual),
  BooleanEquals: booleanEquals,
  TimestampEquals: timestamp(equal),
  TimestampLessThan: timestamp(less),
  TimestampGreaterThan: timestamp(greater),
  TimestampLessThanEquals: timestamp(lessOrEqual),
  TimestampGreaterThanEquals: timestamp(greaterOrEqual),
} as const satisfies Record<string, ComparisonOperator>;

/** The ASL name of a comparison operator (literal form). */
export type ComparisonOperatorName = keyof typeof ComparisonOperators;

/**
 * Resolves a Choice rule field name to its operator: `NumericEquals` → literal, `NumericEqualsPath` → path.
 * Undefined for any other field.
 */
export function comparisonOperatorOf(
  field: string,
): { name: ComparisonOperatorName; operator: ComparisonOperator; isPath: boolean } | undefined {
  if (Object.hasOwn(ComparisonOperators, field)) {
    const name = field as ComparisonOperatorName;
    return { name, operator: ComparisonOperators[name], isPath: false };
  }
  if (field.endsWith("Path")) {
    const base = field.slice(0, -"Path".length);
    if (Object.hasOwn(ComparisonOperators, base)) {
      const name = base as ComparisonOperatorName;
      const operator = ComparisonOperators[name];
      if (operator.hasPathVariant) return { name, operator, isPath: true };
    }
  }
  return undefined;
}
