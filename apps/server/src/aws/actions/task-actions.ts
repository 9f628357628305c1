import type { ActionTable } from "../action.ts";
import { LIMITS } from "../limits.ts";

/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat. */
export const taskActions: ActionTable = {
  async SendTaskSuccess(request, { engine }) {
    const taskToken = request.string("taskToken", LIMITS.taskToken);
    const output = request.string("output", LIMITS.data);
    request.done();
    await engine.tasks.sendTaskSuccess({ taskToken, output });
    return {};
  },

  async SendTaskFailure(request, { engine }) {
    const taskToken = request.string("taskToken", LIMITS.taskToken);
    const error = request.optionalString("error", LIMITS.error);
    const cause = request.optionalString("cause", LIMITS.cause);
    request.done();
    await engine.tasks.sendTaskFailure({
      taskToken,
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    return {};
  },

  async SendTaskHeartbeat(request, { engine }) {
    const taskToken = request.string("taskToken", LIMITS.taskToken);
    request.done();
    await engine.tasks.sendTaskHeartbeat({ taskToken });
    return {};
  },
};
