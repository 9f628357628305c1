import { isChoiceOperator } from "./choice-operators.ts";
import { isFields, type Fields } from "../model/is-fields.ts";

/** What a Choice rule's condition is: one comparison, or a Boolean combination of rules. */
export type ConditionKind = "comparison" | "And" | "Or" | "Not";

/** A comparison a new rule or a new And/Or member starts with. */
export const NEW_COMPARISON: Readonly<Fields> = { Variable: "$.value", StringEquals: "" };

// Fields of a top-level rule that are not its condition.
const NOT_CONDITION = new Set(["Next", "Comment", "Assign", "Output"]);

/** The kind of `rule`'s condition (a rule that is none of them reads as a comparison). */
export function conditionKind(rule: unknown): ConditionKind {
  if (!isFields(rule)) return "comparison";
  if (Object.hasOwn(rule, "And")) return "And";
  if (Object.hasOwn(rule, "Or")) return "Or";
  if (Object.hasOwn(rule, "Not")) return "Not";
  return "comparison";
}

/** The comparison field of a rule (`NumericGreaterThan`, ...), if it has one. */
export function comparisonOperator(rule: unknown): string | undefined {
  return isFields(rule) ? Object.keys(rule).find(isChoiceOperator) : undefined;
}

/**
 * `rule` with its condition turned into `kind`, other fields (Next, Comment, Assign) kept in their
 * place: a comparison becomes the first member of a new And / Or (with a second to fill in) or the
 * operand of Not; And ↔ Or keep their members; a combination becomes its first comparison member.
 */
export function convertCondition(rule: Fields, kind: ConditionKind): Fields {
  const from = conditionKind(rule);
  if (from === kind) return rule;
  const condition: Fields = {};
  for (const [key, value] of Object.entries(rule)) if (!NOT_CONDITION.has(key)) condition[key] = value;
  let next: Fields;
  if (kind === "And" || kind === "Or") {
    next =
      from === "And" || from === "Or"
        ? { [kind]: condition[from] }
        : { [kind]: [condition, { ...NEW_COMPARISON }] };
  } else if (kind === "Not") {
    next = { Not: condition };
  } else {
    const members = from === "Not" ? [condition["Not"]] : (condition[from] as unknown[]);
    const first = Array.isArray(members) ? members.find((m) => conditionKind(m) === "comparison") : undefined;
    next = isFields(first) ? first : { ...NEW_COMPARISON };
  }
  const out: Fields = {};
  let placed = false;
  for (const [key, value] of Object.entries(rule)) {
    const isCondition = !NOT_CONDITION.has(key);
    // The new condition takes the old one's place, or goes before Next when Next came first.
    if (!placed && (isCondition || key === "Next")) {
      Object.assign(out, next);
      placed = true;
    }
    if (!isCondition) out[key] = value;
  }
  if (!placed) Object.assign(out, next);
  return out;
}
