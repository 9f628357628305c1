import type { ConnectionLookup, HttpConnections } from "../../ports/http-connections.ts";
import type { IntegrationOutcome, IntegrationRequest, TaskIntegration } from "../task-integration.ts";
import { buildHttpRequest, type HttpRequest } from "./http-request.ts";
import { readHttpResponse } from "./http-response.ts";
import { readHttpTaskParameters } from "./http-task-parameters.ts";

/** How the engine's HTTP Task integration is set up. */
export interface HttpInvokeOptions {
  /** Named in the User-Agent header, as Step Functions names its region. */
  region: string;
  /** How long a request may take before it fails with States.Http.Socket (AWS: 60 s). */
  timeoutMs: number;
  /** The EventBridge connections, when an event bus registered them on the engine. */
  connections: () => HttpConnections | undefined;
}

/**
 * The `arn:aws:states:::http:invoke` Task (AWS "Call HTTPS APIs in Step Functions workflows"): checks the
 * parameters (States.Runtime when they cannot be used), merges in the connection's credentials and
 * parameters (`Events.ConnectionResource.*` when it cannot be used), sends the request with Node's fetch and
 * answers as {@link readHttpResponse} does. No answer in time, or no answer at all (connection refused, reset,
 * DNS, TLS), fails the task with States.Http.Socket. Redirects are not followed: a 3xx fails the task like
 * any non-2xx, so a connection's credentials never go to another host. The request is aborted when the task
 * is (stop, TimeoutSeconds); the runner then drops the outcome.
 */
export function createHttpInvokeIntegration(options: HttpInvokeOptions): TaskIntegration {
  return async (task: IntegrationRequest): Promise<IntegrationOutcome> => {
    const parameters = readHttpTaskParameters(task.input);
    if ("problem" in parameters) return unusableParameters(task, parameters.problem);
    let found: FoundConnection | undefined;
    if (parameters.connectionArn !== undefined) {
      const arn = parameters.connectionArn;
      const connections = options.connections();
      const lookup = await lookUpConnection(arn, task.signal, () =>
        connections === undefined ? undefined : connections.lookup(arn, task.signal),
      );
      if ("error" in lookup) return lookup;
      found = lookup;
    }
    const send = async (connection: FoundConnection | undefined): Promise<IntegrationOutcome | Response> => {
      const request = buildHttpRequest(parameters, connection?.parameters, options.region);
      if ("problem" in request) return unusableParameters(task, request.problem);
      const timeout = AbortSignal.timeout(options.timeoutMs);
      try {
        return await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          redirect: "manual",
          signal: AbortSignal.any([task.signal, timeout]),
        });
      } catch (error) {
        if (task.signal.aborted) throw error; // the task ended: nobody waits for this outcome
        return socketFailure(request, error, timeout.aborted ? options.timeoutMs : undefined);
      }
    };
    let sent = await send(found);
    // An OAuth connection's token was refused: a new one, and the request once more (as EventBridge).
    const reauthorize = found?.reauthorize;
    if (sent instanceof Response && (sent.status === 401 || sent.status === 407) && reauthorize) {
      await sent.body?.cancel();
      const again = await lookUpConnection(parameters.connectionArn!, task.signal, reauthorize);
      if ("error" in again) return again;
      sent = await send(again);
    }
    return sent instanceof Response ? await readHttpResponse(sent) : sent;
  };
}

type FoundConnection = Extract<ConnectionLookup, { parameters: unknown }>;

async function lookUpConnection(
  arn: string,
  signal: AbortSignal,
  lookup: () => Promise<ConnectionLookup> | undefined,
): Promise<FoundConnection | { error: string; cause: string }> {
  try {
    const found = await lookup();
    if (found === undefined) {
      return {
        error: "Events.ConnectionResource.ResourceNotFound",
        cause: `Connection '${arn}' cannot be used: this engine has no event bus holding connections (create one with createEventBus({ engine })), or leave out Authentication for an endpoint that needs no credentials`,
      };
    }
    if ("problem" in found)
      return { error: `Events.ConnectionResource.${found.problem}`, cause: found.message };
    return found;
  } catch (error) {
    if (signal.aborted) throw error;
    return {
      error: "Events.ConnectionResource.InternalError",
      cause: `Connection '${arn}' could not be read: ${reasonOf(error)}`,
    };
  }
}

function unusableParameters(task: IntegrationRequest, problem: string): IntegrationOutcome {
  return {
    error: "States.Runtime",
    cause: `The parameters of the HTTP Task '${task.stateName}' could not be used to start the task: ${problem}`,
  };
}

/** No answer: the query is left out of the cause, as a connection may put a secret there. */
function socketFailure(
  request: HttpRequest,
  error: unknown,
  timedOutMs: number | undefined,
): IntegrationOutcome {
  const target = `${request.method} ${request.url.origin}${request.url.pathname}`;
  const cause =
    timedOutMs === undefined
      ? `${target} failed: ${reasonOf(error)}`
      : `${target} did not complete within ${timedOutMs / 1000} seconds`;
  return { error: "States.Http.Socket", cause };
}

/** The innermost message: fetch reports "fetch failed" and keeps the socket's error as its cause. */
function reasonOf(error: unknown): string {
  let at: unknown = error;
  while (at instanceof Error && at.cause instanceof Error) at = at.cause;
  return at instanceof Error ? at.message : String(at);
}
