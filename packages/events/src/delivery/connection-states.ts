import type { SqlClient } from "@stepflow/engine";
import {
  authorizeConnection,
  type AuthorizationFailure,
  type ConnectionAuthorization,
  type ConnectionRecord,
} from "./connection-authorization.ts";
import type { ConnectionAuth } from "./deliver-http.ts";
import type { OAuthTokens } from "./oauth-tokens.ts";

/** The ConnectionState values a connection of this bus goes through (AWS has more, for private APIs). */
export type ConnectionState = "AUTHORIZING" | "AUTHORIZED" | "DEAUTHORIZING" | "DEAUTHORIZED";

/** A connection as its users (API destinations, HTTP Tasks) read it. */
export interface ConnectionInUse extends ConnectionRecord {
  state: ConnectionState;
  stateReason: string | null;
}

/** The event_connections columns {@link connectionInUse} reads, prefixed with the table's alias `c`. */
export const CONNECTION_IN_USE_COLUMNS =
  "c.arn, c.authorization_type, c.auth_parameters, c.state, c.state_reason, c.auth_generation";

/** A row with {@link CONNECTION_IN_USE_COLUMNS}. */
export interface ConnectionInUseRow {
  arn: string;
  authorization_type: string;
  auth_parameters: ConnectionAuth;
  state: ConnectionState;
  state_reason: string | null;
  auth_generation: number;
}

/** StateReason is at most 512 characters on AWS. */
const MAX_REASON = 512;

export function connectionInUse(row: ConnectionInUseRow): ConnectionInUse {
  return {
    arn: row.arn,
    authorizationType: row.authorization_type,
    auth: row.auth_parameters,
    generation: row.auth_generation,
    state: row.state,
    stateReason: row.state_reason,
  };
}

/** How the bus authorizes requests through its connections and keeps their ConnectionState. */
export interface ConnectionStates {
  /**
   * The authorization of a request through `connection`, as EventBridge gives it: none for a DEAUTHORIZED
   * connection; a failed token request deauthorizes the connection (StateReason says why), and the first
   * token of an AUTHORIZING one makes it AUTHORIZED.
   */
  authorize(connection: ConnectionInUse): Promise<ConnectionAuthorization | AuthorizationFailure>;
  /** Starts the first token request of the AUTHORIZING connection `arn` in the background. */
  settle(arn: string): void;
  /** Waits for the background token requests. */
  close(): Promise<void>;
}

/**
 * The state transitions land only on the credentials they were for (`auth_generation`): a token request
 * of replaced credentials that fails late leaves the new ones alone. They are plain UPDATEs, so every
 * process sharing the database sees the state at its next use of the connection.
 */
export function createConnectionStates(sql: SqlClient, tokens: OAuthTokens): ConnectionStates {
  const pending = new Set<Promise<void>>();

  const deauthorize = async (connection: ConnectionInUse, reason: string) => {
    await sql.query(
      `UPDATE event_connections SET state = 'DEAUTHORIZED', state_reason = $3
        WHERE arn = $1 AND auth_generation = $2 AND state IN ('AUTHORIZING', 'AUTHORIZED')`,
      [connection.arn, connection.generation, reason.slice(0, MAX_REASON)],
    );
  };
  const authorized = async (connection: ConnectionInUse) => {
    await sql.query(
      `UPDATE event_connections SET state = 'AUTHORIZED', state_reason = NULL, last_authorized_at = now()
        WHERE arn = $1 AND auth_generation = $2 AND state = 'AUTHORIZING'`,
      [connection.arn, connection.generation],
    );
  };
  const outcome = async (
    connection: ConnectionInUse,
    result: ConnectionAuthorization | AuthorizationFailure,
  ): Promise<ConnectionAuthorization | AuthorizationFailure> => {
    if ("failure" in result) {
      if (result.deauthorizes !== true) return result;
      await deauthorize(connection, capitalized(result.failure));
      // Retried per the target's RetryPolicy: an UpdateConnection in the meantime lets a retry through.
      return { ...result, retryable: true };
    }
    if (connection.state === "AUTHORIZING") await authorized(connection);
    const { reauthorize } = result;
    if (reauthorize === undefined) return result;
    return { ...result, reauthorize: async () => outcome(connection, await reauthorize()) };
  };
  const authorize = async (connection: ConnectionInUse) => {
    if (connection.state === "DEAUTHORIZED" || connection.state === "DEAUTHORIZING") {
      const reason = connection.stateReason === null ? "" : ` (${connection.stateReason})`;
      return {
        failure: `the connection is ${connection.state}${reason}; UpdateConnection re-authorizes it`,
        retryable: true,
      };
    }
    return outcome(connection, await authorizeConnection(connection, tokens));
  };

  return {
    authorize,
    settle(arn) {
      const run = (async () => {
        const { rows } = await sql.query<ConnectionInUseRow>(
          `SELECT ${CONNECTION_IN_USE_COLUMNS} FROM event_connections c WHERE c.arn = $1`,
          [arn],
        );
        if (rows[0]?.state === "AUTHORIZING") await authorize(connectionInUse(rows[0]));
      })()
        // The connection stays AUTHORIZING, and its next use asks for the token again.
        .catch(() => undefined)
        .finally(() => pending.delete(run));
      pending.add(run);
    },
    async close() {
      await Promise.all(pending);
    },
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
