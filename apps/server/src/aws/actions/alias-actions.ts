import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";
import type { RequestFields } from "../request-fields.ts";

/** Reads `routingConfiguration`: `[{ stateMachineVersionArn, weight }]`. */
function readRouting(request: RequestFields, required: boolean) {
  return request.list("routingConfiguration", required, (item, at) => {
    const route = request.nested(item, at);
    const stateMachineVersionArn = route.string("stateMachineVersionArn", LIMITS.arn);
    const weight = route.optionalInteger("weight", 0, 100);
    if (weight === undefined) route.string("weight");
    return { stateMachineVersionArn, weight: weight ?? 0 };
  });
}

/** CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias, DeleteStateMachineAlias, ListStateMachineAliases. */
export const aliasActions: ActionTable = {
  async CreateStateMachineAlias(request, { engine }) {
    const name = request.string("name", LIMITS.name);
    const description = request.optionalString("description", LIMITS.description);
    const routingConfiguration = readRouting(request, true) ?? [];
    request.done();
    return engine.aliases.create({
      name,
      routingConfiguration,
      ...(description === undefined ? {} : { description }),
    });
  },

  async DescribeStateMachineAlias(request, { engine }) {
    const arn = request.string("stateMachineAliasArn", LIMITS.arn);
    request.done();
    return engine.aliases.describe(arn);
  },

  async UpdateStateMachineAlias(request, { engine }) {
    const stateMachineAliasArn = request.string("stateMachineAliasArn", LIMITS.arn);
    const description = request.optionalString("description", LIMITS.description);
    const routingConfiguration = readRouting(request, false);
    request.done();
    return engine.aliases.update({
      stateMachineAliasArn,
      ...(description === undefined ? {} : { description }),
      ...(routingConfiguration === undefined ? {} : { routingConfiguration }),
    });
  },

  async DeleteStateMachineAlias(request, { engine }) {
    const arn = request.string("stateMachineAliasArn", LIMITS.arn);
    request.done();
    await engine.aliases.delete(arn);
    return {};
  },

  async ListStateMachineAliases(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", LIMITS.nextToken);
    request.done();
    return engine.aliases.list({
      stateMachineArn,
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },
};
