import { isJsonObject, stringifyJson, type Json } from "@stepflow/asl";
import type { IntegrationOutcome, IntegrationRequest } from "@stepflow/engine";
import { EventsError } from "./events-error.ts";
import type { PutEventsRequestEntry, PutEventsResponse } from "./put-events-entry.ts";

type Put = (entries: PutEventsRequestEntry[], keys: string[]) => Promise<PutEventsResponse>;

/**
 * The `arn:aws:states:::events:putEvents` Task integration (optimised, as Step Functions runs it): Detail
 * may be a JSON object (serialised for the call), the execution and state machine ARNs are appended to
 * each entry's Resources, the result is PutEvents' response, and a non-zero FailedEntryCount fails the
 * task with `EventBridge.FailedEntry`. Entries are keyed by the task token, so a re-sent task puts once.
 */
export function putEventsIntegration(put: Put) {
  return async (request: IntegrationRequest): Promise<IntegrationOutcome> => {
    const params = isJsonObject(request.input) ? request.input : {};
    const raw = params.Entries;
    if (!Array.isArray(raw)) {
      return {
        error: "States.Runtime",
        cause: "The events:putEvents parameters must include an Entries array",
      };
    }
    const stateMachineArn = request.executionArn
      .replace(/:(execution|express):/, ":stateMachine:")
      .replace(/:[^:]+$/, "");
    const entries = raw.map((item: Json): PutEventsRequestEntry => {
      const e = isJsonObject(item) ? item : {};
      const entry: PutEventsRequestEntry = {
        Resources: [
          ...(Array.isArray(e.Resources) ? e.Resources.map(String) : []),
          request.executionArn,
          stateMachineArn,
        ],
      };
      if (typeof e.Source === "string") entry.Source = e.Source;
      if (typeof e.DetailType === "string") entry.DetailType = e.DetailType;
      if (e.Detail !== undefined)
        entry.Detail = typeof e.Detail === "string" ? e.Detail : stringifyJson(e.Detail)!;
      if (typeof e.EventBusName === "string") entry.EventBusName = e.EventBusName;
      if (typeof e.Time === "number") entry.Time = e.Time;
      if (typeof e.Time === "string") entry.Time = new Date(e.Time);
      return entry;
    });
    let response: PutEventsResponse;
    try {
      response = await put(
        entries,
        entries.map((_, i) => `task:${request.token}:${i}`),
      );
    } catch (error) {
      if (error instanceof EventsError) return { error: `EventBridge.${error.code}`, cause: error.message };
      throw error;
    }
    if (response.FailedEntryCount > 0) {
      return { error: "EventBridge.FailedEntry", cause: JSON.stringify(response) };
    }
    return { output: response as unknown as Json };
  };
}
