import type { ActionTable } from "./action.ts";
import { activityActions } from "./actions/activity-actions.ts";
import { aliasActions } from "./actions/alias-actions.ts";
import { executionActions } from "./actions/execution-actions.ts";
import { historyActions } from "./actions/history-actions.ts";
import { mapRunActions } from "./actions/map-run-actions.ts";
import { stateMachineActions } from "./actions/state-machine-actions.ts";
import { tagActions } from "./actions/tag-actions.ts";
import { taskActions } from "./actions/task-actions.ts";
import { testStateActions } from "./actions/test-state-action.ts";
import { validationActions } from "./actions/validation-actions.ts";
import { versionActions } from "./actions/version-actions.ts";

/** Every `AWSStepFunctions.<Action>` the server answers, by action name. */
export const STEP_FUNCTIONS_ACTIONS: ReadonlyMap<string, ActionTable[string]> = new Map(
  Object.entries({
    ...stateMachineActions,
    ...versionActions,
    ...aliasActions,
    ...executionActions,
    ...historyActions,
    ...mapRunActions,
    ...taskActions,
    ...activityActions,
    ...tagActions,
    ...validationActions,
    ...testStateActions,
  }),
);
