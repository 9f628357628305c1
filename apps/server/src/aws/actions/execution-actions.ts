import { AwsError } from "../../errors/aws-error.ts";
import type { ActionTable } from "../action.ts";
import { LIMITS, MAX_RESULTS } from "../limits.ts";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;

/** StartExecution, StartSyncExecution, StopExecution, RedriveExecution, DescribeExecution, ListExecutions. */
export const executionActions: ActionTable = {
  async StartExecution(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const name = request.optionalString("name", LIMITS.name);
    const input = request.optionalString("input", LIMITS.data);
    const traceHeader = request.optionalString("traceHeader", LIMITS.traceHeader);
    request.done();
    return engine.executions.start({
      stateMachineArn,
      ...(name === undefined ? {} : { name }),
      ...(input === undefined ? {} : { input }),
      ...(traceHeader === undefined ? {} : { traceHeader }),
    });
  },

  /**
   * Runs an EXPRESS execution to its end and answers its outcome. AWS serves it on the `sync-` host
   * prefix, so SDK clients pointed at Stepflow need `disableHostPrefix: true`.
   */
  async StartSyncExecution(request, { engine }) {
    const stateMachineArn = request.string("stateMachineArn", LIMITS.arn);
    const name = request.optionalString("name", LIMITS.name);
    const input = request.optionalString("input", LIMITS.data);
    const traceHeader = request.optionalString("traceHeader", LIMITS.traceHeader);
    const includedData = request.optionalEnum("includedData", ["ALL_DATA", "METADATA_ONLY"]);
    request.done();
    const result = await engine.executions.startSync({
      stateMachineArn,
      ...(name === undefined ? {} : { name }),
      ...(input === undefined ? {} : { input }),
      ...(traceHeader === undefined ? {} : { traceHeader }),
    });
    if (includedData !== "METADATA_ONLY") return result;
    const { input: _input, output, ...metadata } = result;
    return {
      ...metadata,
      inputDetails: { included: false },
      ...(output === undefined ? {} : { outputDetails: { included: false } }),
    };
  },

  async StopExecution(request, { engine }) {
    const executionArn = request.string("executionArn", LIMITS.arn);
    const error = request.optionalString("error", LIMITS.error);
    const cause = request.optionalString("cause", LIMITS.cause);
    request.done();
    return engine.executions.stop({
      executionArn,
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
  },

  async RedriveExecution(request, { engine }) {
    const executionArn = request.string("executionArn", LIMITS.arn);
    request.optionalString("clientToken", { min: 1, max: 64 });
    request.done();
    return engine.executions.redrive({ executionArn });
  },

  async DescribeExecution(request, { engine }) {
    const arn = request.string("executionArn", LIMITS.arn);
    request.optionalEnum("includedData", ["ALL_DATA", "METADATA_ONLY"]);
    request.done();
    return engine.executions.describe(arn);
  },

  async ListExecutions(request, { engine }) {
    const stateMachineArn = request.optionalString("stateMachineArn", LIMITS.arn);
    const mapRunArn = request.optionalString("mapRunArn", { min: 1, max: 2000 });
    const statusFilter = request.optionalEnum("statusFilter", STATUSES);
    const maxResults = request.optionalInteger("maxResults", ...MAX_RESULTS);
    const nextToken = request.optionalString("nextToken", { min: 1, max: 3096 });
    request.optionalEnum("redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"]);
    request.done();
    if (mapRunArn !== undefined) {
      throw new AwsError("ValidationException", "Listing the executions of a Map Run is not supported");
    }
    if (stateMachineArn === undefined) {
      throw new AwsError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN");
    }
    // AWS answers StateMachineDoesNotExist (not an empty list) for an unknown machine.
    await engine.stateMachines.describe(stateMachineArn);
    return engine.executions.list({
      stateMachineArn,
      ...(statusFilter === undefined ? {} : { statusFilter }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
  },
};
