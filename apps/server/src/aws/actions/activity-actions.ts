import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";
import { readTags } from "./read-tags.ts";

/** CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask (a long poll of up to 60 s). */
export const activityActions: ActionTable = {
  async CreateActivity(request, { engine }) {
    const name = request.string("name", LIMITS.name);
    const tags = readTags(request, "tags", false);
    request.optionalObject("encryptionConfiguration");
    request.done();
    return engine.activities.create({ name, ...(tags === undefined ? {} : { tags }) });
  },

  async DescribeActivity(request, { engine }) {
    const arn = request.string("activityArn", LIMITS.arn);
    request.done();
    return engine.activities.describe(arn);
  },

  async DeleteActivity(request, { engine }) {
    const arn = request.string("activityArn", LIMITS.arn);
    request.done();
    await engine.activities.delete(arn);
    return {};
  },

  async ListActivities(request, { engine }) {
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", LIMITS.nextToken);
    request.done();
    return engine.activities.list({
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },

  async GetActivityTask(request, { engine, signal }) {
    const activityArn = request.string("activityArn", LIMITS.arn);
    const workerName = request.optionalString("workerName", LIMITS.name);
    request.done();
    // The poll ends early when the client hangs up, so an abandoned poll never takes a task.
    return engine.activities.getActivityTask(
      { activityArn, ...(workerName === undefined ? {} : { workerName }) },
      { signal },
    );
  },
};
