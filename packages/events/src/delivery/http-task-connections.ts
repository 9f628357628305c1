import type { ConnectionLookup, HttpConnections, SqlClient } from "@stepflow/engine";
import type {
  AuthorizationFailure,
  ConnectionAuthorization,
  ConnectionRecord,
} from "./connection-authorization.ts";
import {
  CONNECTION_IN_USE_COLUMNS,
  connectionInUse,
  type ConnectionInUseRow,
  type ConnectionStates,
} from "./connection-states.ts";

type KeyValues = { Key: string; Value: string }[] | undefined;

/**
 * The bus's connections as HTTP Tasks use them (`Authentication.ConnectionArn`, the engine's
 * {@link HttpConnections} port): the authorization header (an OAuth token from `tokens`) plus the
 * connection's InvocationHttpParameters. Read on every call, so a changed, deauthorized or deleted
 * connection takes effect at once. A DEAUTHORIZED connection, or one that cannot authorize (its token
 * request failed, which deauthorizes it), is `InvalidConnectionState`, as on AWS.
 */
export function createHttpTaskConnections(sql: SqlClient, connections: ConnectionStates): HttpConnections {
  return {
    async lookup(connectionArn: string, signal: AbortSignal): Promise<ConnectionLookup> {
      const { rows } = await sql.query<ConnectionInUseRow>(
        `SELECT ${CONNECTION_IN_USE_COLUMNS} FROM event_connections c WHERE c.arn = $1`,
        [connectionArn],
      );
      const row = rows[0];
      if (row === undefined) {
        return {
          problem: "ResourceNotFound",
          message: `Connection '${connectionArn}' does not exist (create it with CreateConnection on this event bus).`,
        };
      }
      const connection = connectionInUse(row);
      return lookupOf(connection, await abortable(connections.authorize(connection), signal), signal);
    },
  };
}

function lookupOf(
  connection: ConnectionRecord,
  result: ConnectionAuthorization | AuthorizationFailure,
  signal: AbortSignal,
): ConnectionLookup {
  if ("failure" in result) {
    return {
      problem: "InvalidConnectionState",
      message: `Connection '${connection.arn}' could not authorize the request: ${result.failure}.`,
    };
  }
  const invocation = connection.auth.InvocationHttpParameters;
  const lookup: ConnectionLookup = {
    parameters: {
      // The authorization header goes last: an InvocationHttpParameters header cannot replace it.
      headers: { ...lowerCased(invocation?.HeaderParameters), ...result.headers },
      queryParameters: fromKeyValues(invocation?.QueryStringParameters),
      bodyParameters: fromKeyValues(invocation?.BodyParameters),
    },
  };
  const { reauthorize } = result;
  if (reauthorize !== undefined) {
    lookup.reauthorize = async () => lookupOf(connection, await abortable(reauthorize(), signal), signal);
  }
  return lookup;
}

/** Stops waiting for `promise` when the task ends; a shared token request itself goes on for the others. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

function fromKeyValues(pairs: KeyValues): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map(({ Key, Value }) => [Key, Value]));
}

function lowerCased(pairs: KeyValues): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map(({ Key, Value }) => [Key.toLowerCase(), Value]));
}
