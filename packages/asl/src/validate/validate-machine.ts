import type { QueryLanguage } from "../machine/query-language.ts";
import { checkComment } from "./comment-field.ts";
import { fieldPath } from "./problem-path.ts";
import { resolveQueryLanguage } from "./query-language-field.ts";
import type { NestedMachineKind, Transition } from "./state-under-check.ts";
import { checkTransitions } from "./transitions.ts";
import type { ValidationContext } from "./validation-context.ts";
import { validateState } from "./validate-state.ts";
import { checkKnownKeys, get, has, integerProblem, isFields, MAX_SECONDS, shown } from "./value-checks.ts";

/** The whole definition, or a machine nested in a Parallel branch or a Map item processor. */
export type MachineKind = "Root" | NestedMachineKind;

const MACHINE_FIELDS: Readonly<Record<MachineKind, readonly string[]>> = {
  Root: ["Comment", "StartAt", "States", "Version", "TimeoutSeconds", "QueryLanguage"],
  Branch: ["Comment", "StartAt", "States"],
  ItemProcessor: ["Comment", "StartAt", "States", "ProcessorConfig"],
  Iterator: ["Comment", "StartAt", "States", "ProcessorConfig"],
};

// Step Functions limits state names to 80 characters.
const MAX_STATE_NAME_LENGTH = 80;

/**
 * Validates a state machine (ASL "State Machine Structure"): its top-level fields, every state, and,
 * once the whole definition has been read, its transitions and reachability.
 */
export function validateMachine(
  ctx: ValidationContext,
  machine: unknown,
  at: string,
  kind: MachineKind,
  inherited: QueryLanguage,
): void {
  if (!isFields(machine)) {
    const what = kind === "Root" ? "the definition" : "a nested state machine";
    ctx.report(at, `${what} must be a JSON object with "StartAt" and "States"; got ${shown(machine)}`);
    return;
  }
  checkKnownKeys(ctx, machine, at, MACHINE_FIELDS[kind], kind === "Root" ? "top-level" : kind);
  checkComment(ctx, get(machine, "Comment"), fieldPath(at, "Comment"));
  let language = inherited;
  if (kind === "Root") {
    language = resolveQueryLanguage(
      ctx,
      get(machine, "QueryLanguage"),
      fieldPath(at, "QueryLanguage"),
      inherited,
    );
    ctx.topQueryLanguage = language;
    const version = get(machine, "Version");
    if (version !== undefined && version !== "1.0") {
      ctx.report(fieldPath(at, "Version"), `must be "1.0" (the only ASL version); got ${shown(version)}`);
    }
    const timeout = get(machine, "TimeoutSeconds");
    const problem = timeout === undefined ? undefined : integerProblem(timeout, 0, MAX_SECONDS);
    if (problem !== undefined) ctx.report(fieldPath(at, "TimeoutSeconds"), problem);
  }

  const subject = at === "" ? "the definition " : "";
  const startAt = get(machine, "StartAt");
  const startAtPath = fieldPath(at, "StartAt");
  if (startAt === undefined) ctx.report(at, `${subject}needs "StartAt": the name of the first state to run`);
  else if (typeof startAt !== "string") {
    ctx.report(startAtPath, `must be the name of a state (a string); got ${shown(startAt)}`);
  }

  const statesPath = fieldPath(at, "States");
  const states = new Map<string, { at: string; transitions: Transition[] }>();
  const value = get(machine, "States");
  if (!has(machine, "States"))
    ctx.report(at, `${subject}needs "States": an object mapping state names to states`);
  else if (!isFields(value))
    ctx.report(statesPath, `must be an object mapping state names to states; got ${shown(value)}`);
  else if (Object.keys(value).length === 0) ctx.report(statesPath, "must contain at least one state");
  else {
    for (const [name, state] of Object.entries(value)) {
      const stateAt = fieldPath(statesPath, name);
      checkStateName(ctx, name, stateAt);
      if (ctx.wasRepeated(state)) {
        ctx.report(
          stateAt,
          `DUPLICATE_STATE_NAME: state name "${name}" appears more than once in this "States" object (only the last is kept); rename or remove the others`,
        );
      }
      const transitions = validateState(
        ctx,
        state,
        stateAt,
        language,
        (nested, nestedAt, nestedKind, nestedLanguage) =>
          validateMachine(ctx, nested, nestedAt, nestedKind, nestedLanguage),
      );
      states.set(name, { at: stateAt, transitions });
    }
  }
  const graph = {
    startAtPath,
    startAt: typeof startAt === "string" ? startAt : undefined,
    states,
    nested: kind !== "Root",
  };
  // A machine without valid States already has a problem; its targets cannot be judged.
  if (states.size > 0) ctx.defer(() => checkTransitions(ctx, graph));
}

function checkStateName(ctx: ValidationContext, name: string, at: string): void {
  const length = [...name].length;
  if (length === 0) ctx.report(at, "a state name must not be empty");
  if (length > MAX_STATE_NAME_LENGTH) {
    ctx.report(at, `state name is ${length} characters long; use at most ${MAX_STATE_NAME_LENGTH}`);
  }
  const earlier = ctx.claimStateName(name, at);
  if (earlier !== undefined) {
    ctx.report(
      at,
      `state name "${name}" is already used at ${earlier}; state names must be unique in the whole definition, nested machines included`,
    );
  }
}
