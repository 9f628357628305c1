import type { Engine } from "@stepflow/engine";
import type { RequestFields } from "./request-fields.ts";

/** What an action needs besides its request. */
export interface ActionContext {
  engine: Engine;
  /** Aborted when the client goes away before the answer is sent (ends long polls). */
  signal: AbortSignal;
}

/**
 * One AWS Step Functions action: reads its members from `request` (calling `request.done()` before any
 * side effect) and returns the response structure. Date values are sent as epoch seconds.
 */
export type Action = (request: RequestFields, context: ActionContext) => Promise<object>;

/** Actions by name (`CreateStateMachine`, ...). */
export type ActionTable = Readonly<Record<string, Action>>;
