import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { checkComment } from "../comment-field.ts";
import { checkAssign } from "../data-flow-fields.ts";
import { checkJsonPathChoiceRule } from "../jsonpath-syntax.ts";
import { fieldPath, indexPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { get, has, isFields, shown, type Fields } from "../value-checks.ts";

/** Checks a Choice state (ASL "Choice State"): a non-empty `Choices` array of rules and the `Default`. */
export function checkChoiceState(s: StateUnderCheck): void {
  const { ctx, at, state } = s;
  const choices = state.Choices;
  const choicesAt = fieldPath(at, "Choices");
  if (!has(state, "Choices")) {
    ctx.report(at, 'a Choice state needs "Choices": a non-empty array of rules, each with a "Next"');
  } else if (!Array.isArray(choices) || choices.length === 0) {
    ctx.report(
      choicesAt,
      `must be a non-empty array of Choice rules, each with a "Next"; got ${shown(choices)}`,
    );
  } else {
    choices.forEach((rule, index) => checkTopLevelRule(s, rule, indexPath(choicesAt, index)));
  }
  if (has(state, "Default")) {
    const target = state.Default;
    if (typeof target === "string") s.transitions.push({ target, at: fieldPath(at, "Default") });
    else ctx.report(fieldPath(at, "Default"), `must be the name of a state (a string); got ${shown(target)}`);
  }
}

function checkTopLevelRule(s: StateUnderCheck, rule: unknown, at: string): void {
  const { ctx } = s;
  if (!isFields(rule)) {
    ctx.report(at, `must be a Choice rule object with "Next"; got ${shown(rule)}`);
    return;
  }
  const next = get(rule, "Next");
  if (typeof next === "string") s.transitions.push({ target: next, at: fieldPath(at, "Next") });
  if (has(rule, "Assign")) checkAssign(s, rule.Assign, fieldPath(at, "Assign"));
  if (s.language === "JSONata") {
    if (next === undefined)
      ctx.report(at, 'a Choice rule needs "Next": the state to go to when the rule matches');
    else if (typeof next !== "string") {
      ctx.report(fieldPath(at, "Next"), `must be the name of a state (a string); got ${shown(next)}`);
    }
    checkComment(ctx, get(rule, "Comment"), fieldPath(at, "Comment"));
    checkJsonataRule(s, rule, at);
    return;
  }
  const comparison: Fields = {};
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Condition" || key === "Output") {
      ctx.report(
        fieldPath(at, key),
        `"${key}" is only allowed in rules of JSONata Choice states; write a JSONPath rule ("Variable" with an operator such as "StringEquals"), or set "QueryLanguage": "JSONata" on the state`,
      );
    } else comparison[key] = value;
  }
  checkJsonPathChoiceRule(ctx, comparison, at);
}

const JSONATA_RULE_FIELDS = new Set(["Condition", "Next", "Assign", "Output", "Comment"]);

function checkJsonataRule(s: StateUnderCheck, rule: Fields, at: string): void {
  const { ctx } = s;
  for (const key of Object.keys(rule)) {
    if (!JSONATA_RULE_FIELDS.has(key)) {
      ctx.report(
        fieldPath(at, key),
        `"${key}" is not allowed in a rule of a JSONata Choice state; express the test in "Condition", such as "{% $states.input.count > 1 %}"`,
      );
    }
  }
  if (!has(rule, "Condition")) {
    ctx.report(at, 'a JSONata Choice rule needs "Condition": a {% %} expression that yields true or false');
    return;
  }
  const condition = rule.Condition;
  if (typeof condition !== "boolean" && !isJsonataExpression(condition)) {
    ctx.report(
      fieldPath(at, "Condition"),
      `must be a {% %} JSONata expression or a boolean; got ${shown(condition)}`,
    );
  }
}
