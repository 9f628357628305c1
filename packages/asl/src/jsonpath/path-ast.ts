/** Where a JSONPath starts: `$` (input), `$$` (Context object), `$name` (a variable) or `@` (filter's current node). */
export type PathRoot =
  | { readonly kind: "input" }
  | { readonly kind: "context" }
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "current" };

/**
 * One step of a parsed JSONPath (Jayway dialect, as Step Functions uses). `name`, `index` and a leaf
 * `names` select at most one value; the others select any number.
 */
export type PathSegment =
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "names"; readonly names: readonly string[] }
  | { readonly kind: "indexes"; readonly indexes: readonly number[] }
  | { readonly kind: "wildcard" }
  | { readonly kind: "slice"; readonly start: number | undefined; readonly end: number | undefined }
  | { readonly kind: "filter"; readonly filter: FilterExpression }
  | { readonly kind: "scan"; readonly then: PathSegment }
  | { readonly kind: "function"; readonly name: PathFunctionName };

/** The functions Jayway allows at the end of a path (`$.items.length()`). */
export const PathFunctionNames = [
  "length",
  "size",
  "min",
  "max",
  "avg",
  "sum",
  "stddev",
  "keys",
  "first",
  "last",
] as const;
/** The name of a path function. */
export type PathFunctionName = (typeof PathFunctionNames)[number];

/** A parsed JSONPath: a root and the steps applied to it. */
export interface ParsedPath {
  readonly root: PathRoot;
  readonly segments: readonly PathSegment[];
}

/** A comparison operator of a filter expression (Jayway's set). */
export type FilterOperator =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "=~"
  | "in"
  | "nin"
  | "subsetof"
  | "anyof"
  | "noneof"
  | "size"
  | "empty"
  | "contains";

/** An operand of a filter comparison: a path (relative `@` or absolute `$`), a literal, or a regex. */
export type FilterOperand =
  | { readonly kind: "path"; readonly path: ParsedPath }
  | { readonly kind: "literal"; readonly value: unknown }
  | { readonly kind: "regex"; readonly regex: RegExp };

/** A parsed filter `[?(...)]` expression. */
export type FilterExpression =
  | { readonly kind: "or"; readonly left: FilterExpression; readonly right: FilterExpression }
  | { readonly kind: "and"; readonly left: FilterExpression; readonly right: FilterExpression }
  | { readonly kind: "not"; readonly operand: FilterExpression }
  | { readonly kind: "exists"; readonly operand: FilterOperand }
  | {
      readonly kind: "compare";
      readonly operator: FilterOperator;
      readonly left: FilterOperand;
      readonly right: FilterOperand;
    };
