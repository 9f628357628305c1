import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";

const MAP_RUN_ARN = { min: 1, max: 2000 } as const;

/** DescribeMapRun, ListMapRuns: the Map Runs of Distributed Map states. */
export const mapRunActions: ActionTable = {
  async DescribeMapRun(request, { engine }) {
    const mapRunArn = request.string("mapRunArn", MAP_RUN_ARN);
    request.done();
    return engine.mapRuns.describe(mapRunArn);
  },

  async ListMapRuns(request, { engine }) {
    const executionArn = request.string("executionArn", LIMITS.arn);
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", LIMITS.nextToken);
    request.done();
    return engine.mapRuns.list({
      executionArn,
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },
};
