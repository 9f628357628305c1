/**
 * What an EventBridge connection adds to an HTTP Task's request, secrets included. Each entry replaces the
 * task's own header, query parameter or body field of the same name (AWS "Merging EventBridge connection and
 * HTTP Task definition data").
 */
export interface ConnectionParameters {
  /** The authorization header (API key, Basic) and the connection's HeaderParameters. */
  headers: Record<string, string>;
  /** The connection's QueryStringParameters. */
  queryParameters: Record<string, string>;
  /** The connection's BodyParameters. */
  bodyParameters: Record<string, string>;
}

/** Why a connection cannot be used: the task fails with `Events.ConnectionResource.<problem>`. */
export const ConnectionProblem = {
  ResourceNotFound: "ResourceNotFound",
  InvalidConnectionState: "InvalidConnectionState",
  InternalError: "InternalError",
} as const;
export type ConnectionProblem = (typeof ConnectionProblem)[keyof typeof ConnectionProblem];

/** A connection's parameters, or why it cannot be used (with a message that says how to fix it). */
export type ConnectionLookup =
  | {
      parameters: ConnectionParameters;
      /**
       * OAuth connections: the parameters with a new access token, after the endpoint answered 401 or 407
       * to these (EventBridge refreshes the token then). The request is sent once more with them.
       */
      reauthorize?: () => Promise<ConnectionLookup>;
    }
  | { problem: ConnectionProblem; message: string };

/**
 * The EventBridge connections HTTP Tasks authenticate with (`Authentication.ConnectionArn`). The event bus
 * (`@stepflow/events`) owns them and registers itself with `engine.registerHttpConnections`, so the engine
 * never imports it.
 */
export interface HttpConnections {
  /** Looks a connection up by ARN; `signal` aborts a slow lookup (an OAuth token request, say). */
  lookup(connectionArn: string, signal: AbortSignal): Promise<ConnectionLookup>;
}
