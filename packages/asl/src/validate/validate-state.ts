import type { QueryLanguage } from "../machine/query-language.ts";
import { StateType } from "../machine/state-type.ts";
import { checkCatch } from "./catch.ts";
import { checkComment } from "./comment-field.ts";
import { checkDataFlowFields } from "./data-flow-fields.ts";
import { checkJsonataFields } from "./jsonata-fields.ts";
import { fieldPath } from "./problem-path.ts";
import { resolveQueryLanguage } from "./query-language-field.ts";
import { checkRetry } from "./retry.ts";
import { checkStateFields, isStateField } from "./state-fields.ts";
import { stateTypeChecks } from "./state-type-checks.ts";
import type { NestedMachineKind, StateUnderCheck, Transition } from "./state-under-check.ts";
import type { ValidationContext } from "./validation-context.ts";
import { get, has, isFields, shown } from "./value-checks.ts";

const TYPES = Object.values(StateType) as string[];
const TYPE_LIST = TYPES.map((type) => `"${type}"`).join(", ");

/** Validates one state (ASL "States"); returns its transitions for the machine's graph checks. */
export function validateState(
  ctx: ValidationContext,
  state: unknown,
  at: string,
  inherited: QueryLanguage,
  nested: (machine: unknown, at: string, kind: NestedMachineKind, language: QueryLanguage) => void,
): Transition[] {
  const transitions: Transition[] = [];
  if (!isFields(state)) {
    ctx.report(at, `must be an object with "Type" (one of ${TYPE_LIST}); got ${shown(state)}`);
    return transitions;
  }
  const type = get(state, "Type");
  if (typeof type !== "string" || !TYPES.includes(type)) {
    if (type === undefined) ctx.report(at, `needs "Type": one of ${TYPE_LIST}`);
    else ctx.report(fieldPath(at, "Type"), `must be one of ${TYPE_LIST}; got ${shown(type)}`);
    // Keep the graph intact so that one bad Type does not also make its successors unreachable.
    const next = get(state, "Next");
    if (typeof next === "string") transitions.push({ target: next, at: fieldPath(at, "Next") });
    return transitions;
  }
  const language = resolveQueryLanguage(
    ctx,
    get(state, "QueryLanguage"),
    fieldPath(at, "QueryLanguage"),
    inherited,
  );
  const s: StateUnderCheck = {
    ctx,
    state,
    at,
    type: type as StateType,
    language,
    transitions,
    carries: (field) => has(state, field) && isStateField(field, type as StateType, language),
    nested: (machine, machineAt, kind) => nested(machine, machineAt, kind, language),
  };
  checkStateFields(ctx, state, at, s.type, language);
  checkComment(ctx, get(state, "Comment"), fieldPath(at, "Comment"));
  checkNextOrEnd(s);
  checkDataFlowFields(s);
  if (s.carries("Retry")) checkRetry(ctx, state.Retry, fieldPath(at, "Retry"));
  if (s.carries("Catch")) checkCatch(s, state.Catch, fieldPath(at, "Catch"));
  stateTypeChecks[s.type](s);
  if (language === "JSONata") checkJsonataFields(s);
  return transitions;
}

/** Every non-terminal state has exactly one of `Next` and `"End": true` (ASL "Transitions"). */
function checkNextOrEnd(s: StateUnderCheck): void {
  if (!isStateField("Next", s.type, s.language)) return;
  const { ctx, at, state } = s;
  const next = get(state, "Next");
  const end = get(state, "End");
  if (next !== undefined) {
    if (typeof next === "string") s.transitions.push({ target: next, at: fieldPath(at, "Next") });
    else ctx.report(fieldPath(at, "Next"), `must be the name of a state (a string); got ${shown(next)}`);
  }
  if (end !== undefined && typeof end !== "boolean") {
    ctx.report(fieldPath(at, "End"), `must be true or false; got ${shown(end)}`);
  }
  if (next !== undefined && end === true) ctx.report(at, 'cannot have both "Next" and "End": true; keep one');
  if (next === undefined && end !== true) {
    ctx.report(at, 'needs "Next" (the name of the state to run next) or "End": true');
  }
}
