import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";

/** GetExecutionHistory: the engine's events with `timestamp` as a Date (sent as epoch seconds). */
export const historyActions: ActionTable = {
  async GetExecutionHistory(request, { engine }) {
    const executionArn = request.string("executionArn", LIMITS.arn);
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", { min: 1, max: 3096 });
    const reverseOrder = request.optionalBoolean("reverseOrder");
    const includeExecutionData = request.optionalBoolean("includeExecutionData");
    request.done();
    const page = await engine.executions.history({
      executionArn,
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(reverseOrder === undefined ? {} : { reverseOrder }),
      ...(includeExecutionData === undefined ? {} : { includeExecutionData }),
    });
    return {
      ...page,
      events: page.events.map((event) => ({ ...event, timestamp: new Date(event.timestamp) })),
    };
  },
};
