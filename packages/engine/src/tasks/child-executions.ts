import {
  isJsonObject,
  parseJson,
  stringifyJson,
  type Json,
  type JsonObject,
  type Signal,
} from "@stepflow/asl";
import type { ExecutionApi, ExecutionDescription } from "../api/executions.ts";
import { EngineError } from "../errors/engine-error.ts";
import type { SqlClient } from "../ports/sql-client.ts";
import { waitingTask, type SnapshotOf } from "../engine/waiting-task.ts";
import type { ChildMode } from "./task-route.ts";

type SignalFn = (arn: string, signal: Signal) => Promise<unknown>;

/** The running child executions started by the task of token $1 (index executions_by_parent). */
export const RUNNING_CHILDREN = "SELECT arn FROM executions WHERE parent_token = $1 AND status = 'RUNNING'";

/**
 * The `states:startExecution` integration: starts a child execution; with `.sync` / `.sync:2` the parent's
 * task ends when the child does, with the child's description as its result (AWS "Start a new AWS Step
 * Functions state machine execution"). The child is named after the task token unless Parameters give a
 * Name, so a re-sent dispatch finds the same child instead of starting a second one.
 */
export function createChildExecutions(
  sql: SqlClient,
  executions: () => ExecutionApi,
  signal: SignalFn,
  snapshotOf: SnapshotOf,
) {
  return {
    async start(parentArn: string, token: string, mode: ChildMode, params: Json): Promise<void> {
      const p = isJsonObject(params) ? params : {};
      const input =
        p.Input === undefined ? "{}" : typeof p.Input === "string" ? p.Input : stringifyJson(p.Input)!;
      const request: Parameters<ExecutionApi["start"]>[0] = {
        stateMachineArn: typeof p.StateMachineArn === "string" ? p.StateMachineArn : "",
        name: typeof p.Name === "string" ? p.Name : token.slice(token.indexOf(".") + 1),
        input,
      };
      if (mode === "sync" || mode === "sync2") request.parentToken = token;
      let started: { executionArn: string; startDate: Date };
      try {
        started = await executions().start(request);
      } catch (error) {
        const failure = integrationFailure(error);
        if (failure) await signal(parentArn, { type: "TaskFailed", token, ...failure });
        return;
      }
      if (mode === "async") {
        await signal(parentArn, {
          type: "TaskSucceeded",
          token,
          output: { ExecutionArn: started.executionArn, StartDate: started.startDate.getTime() },
        });
      }
    },

    /** A child with a waiting parent ended: end the parent's task with the child's description. */
    async finished(childArn: string, parentToken: string, parentArn: string): Promise<void> {
      const resource = (await waitingTask(snapshotOf, parentArn, parentToken))?.resource;
      if (!resource) return; // the parent no longer waits (stopped, timed out)
      const child = await executions().describe(childArn);
      const output = describeForParent(child, resource.endsWith(".sync:2"));
      if (child.status === "SUCCEEDED") {
        await signal(parentArn, { type: "TaskSucceeded", token: parentToken, output });
      } else {
        await signal(parentArn, {
          type: "TaskFailed",
          token: parentToken,
          error: "States.TaskFailed",
          cause: stringifyJson(output)!,
        });
      }
    },

    /** The parent's task was cancelled (stopped, timed out): stop its running child. */
    async cancel(token: string): Promise<void> {
      const { rows } = await sql.query<{ arn: string }>(RUNNING_CHILDREN, [token]);
      for (const row of rows) {
        await executions().stop({
          executionArn: row.arn,
          error: "States.Aborted",
          cause: "The parent execution's task was stopped",
        });
      }
    },
  };
}

/** DescribeExecution as the integration returns it (AWS SDK member names); `.sync:2` parses Input/Output. */
function describeForParent(child: ExecutionDescription, json: boolean): JsonObject {
  const payload = (text: string | undefined): Json =>
    text === undefined ? null : json ? parseJson(text) : text;
  const out: JsonObject = {
    ExecutionArn: child.executionArn,
    Input: payload(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    StartDate: child.startDate.getTime(),
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
  };
  if (child.output !== undefined) {
    out.Output = payload(child.output);
    out.OutputDetails = { Included: true };
  }
  if (child.stopDate) out.StopDate = child.stopDate.getTime();
  if (child.error !== undefined) out.Error = child.error;
  if (child.cause !== undefined) out.Cause = child.cause;
  return out;
}

/** An API error while starting the child, named as Step Functions names SDK integration errors. */
function integrationFailure(error: unknown): { error: string; cause: string } | undefined {
  if (error instanceof EngineError) {
    if (error.code === "ExecutionAlreadyExists") return undefined; // a re-sent dispatch: the child is already running
    return { error: `StepFunctions.${error.code}Exception`, cause: error.message };
  }
  return { error: "States.TaskFailed", cause: error instanceof Error ? error.message : String(error) };
}

export type ChildExecutions = ReturnType<typeof createChildExecutions>;
