import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";

/** PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion. */
export const versionActions: ActionTable = {
  async PublishStateMachineVersion(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const revisionId = request.optionalString("revisionId", LIMITS.revisionId);
    const description = request.optionalString("description", LIMITS.description);
    request.done();
    return engine.stateMachines.publishVersion({
      stateMachineArn,
      ...(revisionId === undefined ? {} : { revisionId }),
      ...(description === undefined ? {} : { description }),
    });
  },

  async ListStateMachineVersions(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", LIMITS.nextToken);
    request.done();
    return engine.stateMachines.listVersions({
      stateMachineArn,
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },

  async DeleteStateMachineVersion(request, { engine }) {
    const arn = request.string("stateMachineVersionArn", LIMITS.arn);
    request.done();
    await engine.stateMachines.deleteVersion(arn);
    return {};
  },
};
