import type { ConnectionLookup, HttpConnections, SqlClient } from "@stepflow/engine";
import { authorizationHeaders } from "./connection-authorization.ts";
import type { ConnectionAuth } from "./deliver-http.ts";

type KeyValues = { Key: string; Value: string }[] | undefined;

/**
 * The bus's connections as HTTP Tasks use them (`Authentication.ConnectionArn`, the engine's
 * {@link HttpConnections} port): the authorization header plus the connection's InvocationHttpParameters.
 * Read on every call, so a changed or deleted connection takes effect at once.
 */
export function createHttpTaskConnections(sql: SqlClient): HttpConnections {
  return {
    async lookup(connectionArn: string): Promise<ConnectionLookup> {
      const { rows } = await sql.query<{ authorization_type: string; auth_parameters: ConnectionAuth }>(
        "SELECT authorization_type, auth_parameters FROM event_connections WHERE arn = $1",
        [connectionArn],
      );
      const row = rows[0];
      if (row === undefined) {
        return {
          problem: "ResourceNotFound",
          message: `Connection '${connectionArn}' does not exist (create it with CreateConnection on this event bus).`,
        };
      }
      const authorization = authorizationHeaders(row.authorization_type, row.auth_parameters);
      if (authorization === undefined) {
        return {
          problem: "InvalidConnectionState",
          message: `Connection '${connectionArn}' uses ${row.authorization_type}, which Stepflow does not send yet; use an API_KEY or BASIC connection.`,
        };
      }
      const invocation = row.auth_parameters.InvocationHttpParameters;
      return {
        parameters: {
          // The authorization header goes last: an InvocationHttpParameters header cannot replace it.
          headers: { ...lowerCased(invocation?.HeaderParameters), ...authorization },
          queryParameters: fromKeyValues(invocation?.QueryStringParameters),
          bodyParameters: fromKeyValues(invocation?.BodyParameters),
        },
      };
    },
  };
}

function fromKeyValues(pairs: KeyValues): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map(({ Key, Value }) => [Key, Value]));
}

function lowerCased(pairs: KeyValues): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map(({ Key, Value }) => [Key.toLowerCase(), Value]));
}
