import type { QueryLanguage } from "../machine/query-language.ts";
import { StateType } from "../machine/state-type.ts";
import { fieldPath } from "./problem-path.ts";
import type { ValidationContext } from "./validation-context.ts";
import type { Fields } from "./value-checks.ts";

interface FieldRule {
  types: readonly StateType[];
  /** Set when the field exists in one query language only. */
  only?: QueryLanguage;
}

const ALL = Object.values(StateType);
const NOT_FAIL = ALL.filter((type) => type !== "Fail");
const FLOWING: readonly StateType[] = ["Pass", "Task", "Map", "Parallel", "Wait"];
const WORKING: readonly StateType[] = ["Task", "Map", "Parallel"];
const JSONPATH = { only: "JSONPath" } as const;
const JSONATA = { only: "JSONata" } as const;

// Which state types accept which fields, per the ASL specification and the Step Functions state pages.
const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  Type: { types: ALL },
  Comment: { types: ALL },
  QueryLanguage: { types: ALL },
  InputPath: { types: NOT_FAIL, ...JSONPATH },
  OutputPath: { types: NOT_FAIL, ...JSONPATH },
  Output: { types: NOT_FAIL, ...JSONATA },
  Assign: { types: ["Pass", "Task", "Map", "Parallel", "Choice", "Wait"] },
  Next: { types: FLOWING },
  End: { types: FLOWING },
  Parameters: { types: ["Pass", "Task", "Map", "Parallel"], ...JSONPATH },
  Arguments: { types: ["Task", "Parallel"], ...JSONATA },
  Result: { types: ["Pass"], ...JSONPATH },
  ResultPath: { types: ["Pass", ...WORKING], ...JSONPATH },
  ResultSelector: { types: WORKING, ...JSONPATH },
  Retry: { types: WORKING },
  Catch: { types: WORKING },
  Resource: { types: ["Task"] },
  Credentials: { types: ["Task"] },
  TimeoutSeconds: { types: ["Task"] },
  HeartbeatSeconds: { types: ["Task"] },
  TimeoutSecondsPath: { types: ["Task"], ...JSONPATH },
  HeartbeatSecondsPath: { types: ["Task"], ...JSONPATH },
  Choices: { types: ["Choice"] },
  Default: { types: ["Choice"] },
  Seconds: { types: ["Wait"] },
  Timestamp: { types: ["Wait"] },
  SecondsPath: { types: ["Wait"], ...JSONPATH },
  TimestampPath: { types: ["Wait"], ...JSONPATH },
  Error: { types: ["Fail"] },
  Cause: { types: ["Fail"] },
  ErrorPath: { types: ["Fail"], ...JSONPATH },
  CausePath: { types: ["Fail"], ...JSONPATH },
  Branches: { types: ["Parallel"] },
  ItemProcessor: { types: ["Map"] },
  Iterator: { types: ["Map"] },
  ItemSelector: { types: ["Map"] },
  Items: { types: ["Map"], ...JSONATA },
  ItemsPath: { types: ["Map"], ...JSONPATH },
  MaxConcurrency: { types: ["Map"] },
  MaxConcurrencyPath: { types: ["Map"], ...JSONPATH },
  ToleratedFailurePercentage: { types: ["Map"] },
  ToleratedFailurePercentagePath: { types: ["Map"], ...JSONPATH },
  ToleratedFailureCount: { types: ["Map"] },
  ToleratedFailureCountPath: { types: ["Map"], ...JSONPATH },
  ItemReader: { types: ["Map"] },
  ItemBatcher: { types: ["Map"] },
  ResultWriter: { types: ["Map"] },
  Label: { types: ["Map"] },
};

/** True when a state of `type` in `language` may carry `field`. */
export function isStateField(field: string, type: StateType, language: QueryLanguage): boolean {
  const rule = Object.prototype.hasOwnProperty.call(FIELD_RULES, field) ? FIELD_RULES[field] : undefined;
  return (
    rule !== undefined && rule.types.includes(type) && (rule.only === undefined || rule.only === language)
  );
}

/** Reports every field of `state` that its type and query language do not allow, saying what to use instead. */
export function checkStateFields(
  ctx: ValidationContext,
  state: Fields,
  at: string,
  type: StateType,
  language: QueryLanguage,
): void {
  for (const field of Object.keys(state)) {
    if (!isStateField(field, type, language))
      ctx.report(fieldPath(at, field), misplacedField(field, type, language));
  }
}

function misplacedField(field: string, type: StateType, language: QueryLanguage): string {
  const rule = Object.prototype.hasOwnProperty.call(FIELD_RULES, field) ? FIELD_RULES[field] : undefined;
  if (rule === undefined) {
    const near = Object.keys(FIELD_RULES).find((known) => known.toLowerCase() === field.toLowerCase());
    return near === undefined
      ? `unknown field "${field}"; remove it`
      : `unknown field "${field}"; did you mean "${near}"?`;
  }
  if (rule.types.includes(type) && rule.only !== undefined && rule.only !== language) {
    return language === "JSONata"
      ? `"${field}" is not allowed in a JSONata state; ${jsonataReplacement(field, type)}`
      : `"${field}" is only allowed in JSONata states; ${jsonPathReplacement(field, type)}, or set "QueryLanguage": "JSONata" on the state`;
  }
  if (field === "Next" || field === "End") {
    return type === "Choice"
      ? `a Choice state cannot have "${field}"; give each rule in "Choices" a "Next" and use "Default" for the fallback`
      : `a ${type} state ends its machine and cannot have "${field}"; remove it`;
  }
  const owners = rule.types.map((owner) => `${owner}`).join(", ");
  return `"${field}" is not a field of a ${type} state (only of ${owners}); remove it`;
}

function jsonataReplacement(field: string, type: StateType): string {
  switch (field) {
    case "InputPath":
      return 'read $states.input inside "Arguments" or "Output" instead';
    case "Parameters":
      return type === "Pass"
        ? 'use "Output" instead'
        : type === "Map"
          ? 'use "ItemSelector" instead'
          : 'use "Arguments" instead';
    case "ResultSelector":
      return 'use "Output" (with $states.result) instead';
    case "ResultPath":
      return 'use "Output" or "Assign" instead';
    case "OutputPath":
    case "Result":
      return 'use "Output" instead';
    case "ItemsPath":
      return 'use "Items" instead';
    default:
      return field.endsWith("Path")
        ? `use "${field.slice(0, -"Path".length)}" with a {% %} expression instead`
        : "remove it";
  }
}

function jsonPathReplacement(field: string, type: StateType): string {
  switch (field) {
    case "Arguments":
      return 'use "Parameters"';
    case "Items":
      return 'use "ItemsPath"';
    case "Output":
      if (type === "Pass") return 'use "Result" or "Parameters"';
      return WORKING.includes(type) ? 'use "OutputPath" or "ResultSelector"' : 'use "OutputPath"';
    default:
      return "remove it";
  }
}
