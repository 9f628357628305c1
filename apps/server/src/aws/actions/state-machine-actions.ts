import { AwsError } from "../../errors/aws-error.ts";
import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";
import { readTags } from "./read-tags.ts";

const TYPES = ["STANDARD", "EXPRESS"] as const;

/** CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine, ListStateMachines, DescribeStateMachineForExecution. */
export const stateMachineActions: ActionTable = {
  async CreateStateMachine(request, { engine }) {
    const name = request.string("name", LIMITS.name);
    const definition = request.string("definition", LIMITS.definition);
    const roleArn = request.string("roleArn", LIMITS.arn);
    const type = request.optionalEnum("type", TYPES);
    const publish = request.optionalBoolean("publish");
    const versionDescription = request.optionalString("versionDescription", LIMITS.description);
    const loggingConfiguration = request.optionalObject("loggingConfiguration");
    const tracingConfiguration = request.optionalObject("tracingConfiguration");
    const tags = readTags(request, "tags", false);
    request.done();
    if (versionDescription !== undefined && publish !== true) {
      throw new AwsError("ValidationException", "Version description can only be set when publish is true");
    }
    const created = await engine.stateMachines.create({
      name,
      definition,
      roleArn,
      ...(type === undefined ? {} : { type }),
      ...(publish === undefined ? {} : { publish }),
      ...(versionDescription === undefined ? {} : { versionDescription }),
      ...(loggingConfiguration === undefined ? {} : { loggingConfiguration }),
      ...(tracingConfiguration === undefined ? {} : { tracingConfiguration }),
    });
    if (tags && tags.length > 0) await engine.tags.tag(created.stateMachineArn, tags);
    return created;
  },

  async DescribeStateMachine(request, { engine }) {
    const arn = request.string("stateMachineArn", LIMITS.arn);
    request.optionalEnum("includedData", ["ALL_DATA", "METADATA_ONLY"]);
    request.done();
    return engine.stateMachines.describe(arn);
  },

  async UpdateStateMachine(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const definition = request.optionalString("definition", LIMITS.definition);
    const roleArn = request.optionalString("roleArn", LIMITS.arn);
    const publish = request.optionalBoolean("publish");
    const versionDescription = request.optionalString("versionDescription", LIMITS.description);
    const logging = request.optionalObject("loggingConfiguration");
    const tracing = request.optionalObject("tracingConfiguration");
    request.done();
    if (definition === undefined && roleArn === undefined && logging === undefined && tracing === undefined) {
      throw new AwsError(
        "MissingRequiredParameter",
        "Request is missing a required parameter: give at least one of definition, roleArn, loggingConfiguration or tracingConfiguration",
      );
    }
    if (versionDescription !== undefined && publish !== true) {
      throw new AwsError("ValidationException", "Version description can only be set when publish is true");
    }
    return engine.stateMachines.update({
      stateMachineArn,
      ...(definition === undefined ? {} : { definition }),
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(publish === undefined ? {} : { publish }),
      ...(versionDescription === undefined ? {} : { versionDescription }),
    });
  },

  async DeleteStateMachine(request, { engine }) {
    const arn = request.string("stateMachineArn", LIMITS.arn);
    request.done();
    await engine.stateMachines.delete(arn);
    await engine.tags.forget(arn);
    return {};
  },

  async ListStateMachines(request, { engine }) {
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", LIMITS.nextToken);
    request.done();
    return engine.stateMachines.list({
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },

  async DescribeStateMachineForExecution(request, { engine }) {
    const arn = request.string("executionArn", LIMITS.arn);
    request.optionalEnum("includedData", ["ALL_DATA", "METADATA_ONLY"]);
    request.done();
    return engine.executions.definitionOf(arn);
  },
};
