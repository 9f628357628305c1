const OPERATORS: Record<string, string> = {
  Equals: "==",
  LessThan: "<",
  GreaterThan: ">",
  LessThanEquals: "<=",
  GreaterThanEquals: ">=",
  Matches: "matches",
};

const KINDS = ["String", "Numeric", "Boolean", "Timestamp"];
const MAX_LENGTH = 48;

type Obj = Record<string, unknown>;

/**
 * A short, human label for a Choice rule (`$.total > 100`, `$.a == "x" && $.b`), cut to 48 characters.
 * JSONata rules show their `Condition`.
 */
export function choiceRuleSummary(rule: Obj): string {
  const text = summarize(rule);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

function summarize(rule: unknown): string {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule)) return "?";
  const r = rule as Obj;
  if (typeof r["Condition"] === "string") return r["Condition"];
  if (Array.isArray(r["And"])) return r["And"].map(nested).join(" && ");
  if (Array.isArray(r["Or"])) return r["Or"].map(nested).join(" || ");
  if (r["Not"] !== undefined) return `!${nested(r["Not"])}`;
  const variable = typeof r["Variable"] === "string" ? r["Variable"] : "?";
  for (const [key, value] of Object.entries(r)) {
    if (key === "Variable" || key === "Next" || key === "Comment" || key === "Assign" || key === "Output")
      continue;
    const test = comparison(key, value);
    if (test !== undefined) return `${variable} ${test}`;
  }
  return variable;
}

function nested(rule: unknown): string {
  const text = summarize(rule);
  return /&&|\|\|/.test(text) ? `(${text})` : text;
}

function comparison(key: string, value: unknown): string | undefined {
  if (key === "IsPresent") return value === true ? "is present" : "is absent";
  if (key === "IsNull") return value === true ? "is null" : "is not null";
  if (key.startsWith("Is")) return `${value === true ? "is" : "is not"} ${key.slice(2).toLowerCase()}`;
  const kind = KINDS.find((prefix) => key.startsWith(prefix));
  if (kind === undefined) return undefined;
  const isPath = key.endsWith("Path");
  const operator = OPERATORS[key.slice(kind.length, isPath ? -4 : undefined)];
  if (operator === undefined) return undefined;
  return `${operator} ${isPath ? String(value) : JSON.stringify(value)}`;
}
