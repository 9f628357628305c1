import type { Json, TaskPurpose } from "@stepflow/asl";

/** One Task state's call of a service integration registered with `engine.registerIntegration`. */
export interface IntegrationRequest {
  executionArn: string;
  stateName: string;
  /** The task token; with `callback` the task ends only when SendTaskSuccess/Failure names it. */
  token: string;
  /** The API action of the resource, e.g. `putEvents` for `arn:aws:states:::events:putEvents`. */
  action: string;
  /** The resource ends in `.waitForTaskToken`: the handler's output is not the task's result. */
  callback: boolean;
  /** The task's effective parameters. */
  input: Json;
  /** Set for a Distributed Map's own calls (ItemReader, ResultWriter); absent for Task states. */
  purpose?: TaskPurpose | undefined;
  /**
   * Aborted when the task no longer needs an answer (stopped, timed out, its TimeoutSeconds passed) or the
   * engine shuts down; whatever the handler answers after that is dropped.
   */
  signal: AbortSignal;
}

/** What an integration answers: the task's result, or an ASL error such as `EventBridge.FailedEntry`. */
export type IntegrationOutcome = { output: Json } | { error: string; cause: string };

/**
 * Serves the Task resources of one service (e.g. "events", or the built-in "http") on behalf of the engine,
 * so a package that depends on the engine can provide an integration without the engine importing it. Calls
 * are delivered at least once (a crash mid-call delivers the request again), so handlers must tolerate a
 * repeat. A thrown error fails the task with States.TaskFailed and the error's message as its cause.
 */
export type TaskIntegration = (request: IntegrationRequest) => Promise<IntegrationOutcome>;
