import { ConversionRefused } from "./conversion-refused.ts";
import { pathToJsonata } from "./path-to-jsonata.ts";

type Obj = Record<string, unknown>;

const RELATIONS: Record<string, string> = {
  Equals: "=",
  LessThan: "<",
  GreaterThan: ">",
  LessThanEquals: "<=",
  GreaterThanEquals: ">=",
};
const TYPES: Record<string, string> = { String: "string", Numeric: "number", Boolean: "boolean" };
const TYPE_TESTS: Record<string, string> = {
  IsNull: "null",
  IsNumeric: "number",
  IsString: "string",
  IsBoolean: "boolean",
};
const NOT_CONDITION = new Set(["Next", "Comment", "Assign", "Output"]);

/**
 * The JSONata `Condition` for a JSONPath Choice rule, reading `$` as `input`. A comparison whose
 * operands have the wrong type is false in JSONPath; JSONata's ordering operators throw instead, so
 * those comparisons first test `$type`. Timestamp operators and IsTimestamp are refused: JSONata's
 * `$toMillis` throws on a string that is not a timestamp where ASL answers false.
 */
export function choiceRuleToJsonata(rule: unknown, input: string): string {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule))
    throw new ConversionRefused("a Choice rule must be an object");
  const r = rule as Obj;
  if (Array.isArray(r["And"]))
    return r["And"].map((item) => `(${choiceRuleToJsonata(item, input)})`).join(" and ");
  if (Array.isArray(r["Or"]))
    return r["Or"].map((item) => `(${choiceRuleToJsonata(item, input)})`).join(" or ");
  if (r["Not"] !== undefined) return `$not(${choiceRuleToJsonata(r["Not"], input)})`;
  if (typeof r["Variable"] !== "string") throw new ConversionRefused("a Choice comparison needs a Variable");
  const variable = pathToJsonata(r["Variable"], input);
  const operators = Object.keys(r).filter((key) => key !== "Variable" && !NOT_CONDITION.has(key));
  const [operator] = operators;
  if (operator === undefined || operators.length > 1)
    throw new ConversionRefused("a Choice comparison needs exactly one operator");
  return comparison(operator, variable, r[operator], input);
}

function comparison(operator: string, variable: string, operand: unknown, input: string): string {
  if (operator === "IsPresent")
    return operand === true ? `$exists(${variable})` : `$not($exists(${variable}))`;
  const tested = TYPE_TESTS[operator];
  if (tested !== undefined) {
    const test = `$type(${variable}) = "${tested}"`;
    return operand === true ? test : `$not(${test})`;
  }
  if (operator.startsWith("Timestamp") || operator === "IsTimestamp")
    throw new ConversionRefused(
      `${operator} has no faithful JSONata equivalent ($toMillis throws on a value that is not a timestamp, where ASL answers false); write the Condition by hand`,
    );
  if (operator === "StringMatches") {
    if (typeof operand !== "string") throw new ConversionRefused("StringMatches takes a string pattern");
    return `($type(${variable}) = "string" and $contains(${variable}, /^${wildcardRegex(operand)}$/))`;
  }
  const kind = Object.keys(TYPES).find((prefix) => operator.startsWith(prefix));
  const isPath = operator.endsWith("Path");
  const relation =
    kind === undefined ? undefined : RELATIONS[operator.slice(kind.length, isPath ? -4 : undefined)];
  if (kind === undefined || relation === undefined)
    throw new ConversionRefused(`${operator} is not a Choice comparison operator`);
  const type = TYPES[kind]!;
  const other = isPath ? pathToJsonata(String(operand), input) : JSON.stringify(operand);
  const guards = [`$type(${variable}) = "${type}"`];
  if (isPath) guards.push(`$type(${other}) = "${type}"`);
  return `(${guards.join(" and ")} and ${variable} ${relation} ${other})`;
}

/** An ASL StringMatches pattern (`*` any run, `\*` a star, `\\` a backslash) as a JSONata regex body. */
function wildcardRegex(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "\\" && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else if (char === "*") out += ".*";
    else out += escape(char);
  }
  return out;
}

function escape(char: string): string {
  return /[\\^$.|?*+()[\]{}/]/.test(char) ? `\\${char}` : char;
}
