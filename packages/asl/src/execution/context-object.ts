import type { Json, JsonObject } from "../json.ts";
import type { Env } from "./env.ts";
import type { ActiveState } from "./snapshot.ts";

/** `$$.Execution` and `$$.StateMachine`: fixed for the life of an execution. */
export function executionContext(env: Env, input: Json, startTime: number, redriveCount: number): JsonObject {
  const info = env.execution;
  return {
    Execution: {
      Id: info.id,
      Input: input,
      Name: info.name,
      RoleArn: info.roleArn,
      StartTime: isoTime(startTime),
      RedriveCount: redriveCount,
      ...info.extra,
    },
    StateMachine: { Id: info.stateMachineId, Name: info.stateMachineName },
  };
}

const cached = new WeakMap<ActiveState, { token: string | undefined; context: JsonObject }>();

/**
 * The Context object (`$$`) while a state runs (ASL "Context Object"). Built once per state entry (and
 * per task token), since most states never read it and formatting times is not free.
 */
export function stateContext(execution: JsonObject, at: ActiveState): JsonObject {
  const hit = cached.get(at);
  if (hit && hit.token === at.token) return hit.context;
  const context = buildStateContext(execution, at);
  cached.set(at, { token: at.token, context });
  return context;
}

function buildStateContext(execution: JsonObject, at: ActiveState): JsonObject {
  const context: JsonObject = {
    ...execution,
    State: { EnteredTime: isoTime(at.enteredTime), Name: at.name, RetryCount: at.retryCount },
  };
  if (at.token !== undefined) context.Task = { Token: at.token };
  return context;
}

/** ISO-8601 with milliseconds, as Step Functions prints times in the Context object. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
