import type { StateType } from "../machine/state-type.ts";
import type { StateUnderCheck } from "./state-under-check.ts";
import { checkChoiceState } from "./states/choice.ts";
import { checkFailState } from "./states/fail.ts";
import { checkMapState } from "./states/map.ts";
import { checkParallelState } from "./states/parallel.ts";
import { checkTaskState } from "./states/task.ts";
import { checkWaitState } from "./states/wait.ts";

// Pass (`Result` is any JSON value) and Succeed have no rules beyond the shared fields.
const noTypeFields = (): void => undefined;

/** The type-specific rules of each state type; a mapped type, so a new state type cannot be forgotten. */
export const stateTypeChecks: { readonly [T in StateType]: (s: StateUnderCheck) => void } = {
  Pass: noTypeFields,
  Task: checkTaskState,
  Choice: checkChoiceState,
  Wait: checkWaitState,
  Succeed: noTypeFields,
  Fail: checkFailState,
  Parallel: checkParallelState,
  Map: checkMapState,
};
