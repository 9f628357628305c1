import { randomUUID } from "node:crypto";
import type { BusContext } from "../bus/bus-context.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { connectionTimes, describeConnection, type ConnectionRow } from "./connection-description.ts";
import type { ConnectionStates } from "./connection-states.ts";
import { updatedAuth, withoutSecrets, type ConnectionAuthUpdate } from "./connection-update.ts";
import type { ConnectionAuth } from "./deliver-http.ts";
import { checkOAuthParameters } from "./oauth-parameters-check.ts";

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const AUTH_TYPES = new Set(["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"]);
const OAUTH = "OAUTH_CLIENT_CREDENTIALS";

/** Checks a connection or API destination name as EventBridge does. */
export function checkResourceName(name: unknown): void {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new EventsError(
      "ValidationException",
      `1 validation error detected: Value '${String(name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
    );
  }
}

function checkAuthType(type: string): void {
  if (!AUTH_TYPES.has(type)) {
    throw new EventsError(
      "ValidationException",
      `1 validation error detected: Value '${type}' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]`,
    );
  }
}

/**
 * Connections (auth for HTTP targets: API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS) with EventBridge's
 * lifecycle: API_KEY and BASIC connections are AUTHORIZED at once; an OAuth one is AUTHORIZING until its
 * first token request (started here, in the background) makes it AUTHORIZED or DEAUTHORIZED.
 * DeauthorizeConnection removes the secrets; UpdateConnection with AuthParameters re-authorizes. Secrets
 * are never returned, as on AWS.
 */
export function createConnectionApi(ctx: BusContext, states: ConnectionStates) {
  const { sql, arns } = ctx;
  const connection = async (name: string) => {
    const { rows } = await sql.query<ConnectionRow>("SELECT * FROM event_connections WHERE name = $1", [
      name,
    ]);
    if (!rows[0]) {
      throw new EventsError(
        "ResourceNotFoundException",
        `Failed to describe the connection(s). Connection '${name}' does not exist.`,
      );
    }
    return rows[0];
  };

  return {
    async createConnection(input: {
      Name: string;
      AuthorizationType: string;
      AuthParameters: ConnectionAuth;
      Description?: string;
    }) {
      checkResourceName(input.Name);
      checkAuthType(input.AuthorizationType);
      const oauth = input.AuthorizationType === OAUTH;
      if (oauth) checkOAuthParameters(input.AuthParameters);
      const arn = arns.connection(input.Name, randomUUID());
      const { rows } = await sql.query<ConnectionRow>(
        `INSERT INTO event_connections (name, arn, authorization_type, auth_parameters, description, state,
           last_authorized_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, CASE WHEN $6 = 'AUTHORIZED' THEN now() END)
         ON CONFLICT (name) DO NOTHING RETURNING *`,
        [
          input.Name,
          arn,
          input.AuthorizationType,
          JSON.stringify(input.AuthParameters ?? {}),
          input.Description ?? null,
          oauth ? "AUTHORIZING" : "AUTHORIZED",
        ],
      );
      const row = rows[0];
      if (!row)
        throw new EventsError("ResourceAlreadyExistsException", `Connection ${input.Name} already exists.`);
      if (oauth) states.settle(arn);
      return {
        ConnectionArn: arn,
        ConnectionState: row.state,
        CreationTime: new Date(row.created_at),
        LastModifiedTime: new Date(row.last_modified_at),
      };
    },

    async describeConnection(input: { Name: string }) {
      return describeConnection(await connection(input.Name));
    },

    /**
     * Changes the description, AuthorizationType or AuthParameters (members left out keep their values).
     * New auth re-authorizes the connection, whatever its state: a new credentials generation, AUTHORIZED
     * at once or, for OAuth, AUTHORIZING until its token request.
     */
    async updateConnection(input: {
      Name: string;
      Description?: string;
      AuthorizationType?: string;
      AuthParameters?: ConnectionAuthUpdate;
    }) {
      const row = await connection(input.Name);
      const type = input.AuthorizationType ?? row.authorization_type;
      checkAuthType(type);
      const reauthorize = input.AuthParameters !== undefined || input.AuthorizationType !== undefined;
      const auth = reauthorize
        ? updatedAuth(type, row.auth_parameters, type !== row.authorization_type, input.AuthParameters ?? {})
        : row.auth_parameters;
      const state = !reauthorize ? row.state : type === OAUTH ? "AUTHORIZING" : "AUTHORIZED";
      const { rows } = await sql.query<ConnectionRow>(
        `UPDATE event_connections SET description = $2, authorization_type = $3, auth_parameters = $4::jsonb,
           state = $5, state_reason = CASE WHEN $6 THEN NULL ELSE state_reason END,
           auth_generation = auth_generation + CASE WHEN $6 THEN 1 ELSE 0 END,
           last_authorized_at = CASE WHEN $6 AND $5 = 'AUTHORIZED' THEN now() ELSE last_authorized_at END,
           last_modified_at = now()
         WHERE name = $1 RETURNING *`,
        [input.Name, input.Description ?? row.description, type, JSON.stringify(auth), state, reauthorize],
      );
      const updated = found(rows[0], input.Name);
      if (updated.state === "AUTHORIZING") states.settle(updated.arn);
      return { ConnectionArn: updated.arn, ConnectionState: updated.state, ...connectionTimes(updated) };
    },

    /**
     * Removes the connection's secrets and makes it DEAUTHORIZED: its API destinations' deliveries and
     * HTTP Tasks fail until UpdateConnection gives it credentials again. Answers DEAUTHORIZING, the state
     * AWS reports while it removes the secret (done here before the answer).
     */
    async deauthorizeConnection(input: { Name: string }) {
      const row = await connection(input.Name);
      const { rows } = await sql.query<ConnectionRow>(
        `UPDATE event_connections SET auth_parameters = $2::jsonb, state = 'DEAUTHORIZED', state_reason = NULL,
           auth_generation = auth_generation + 1, last_modified_at = now()
         WHERE name = $1 RETURNING *`,
        [input.Name, JSON.stringify(withoutSecrets(row.auth_parameters))],
      );
      const updated = found(rows[0], input.Name);
      return { ConnectionArn: updated.arn, ConnectionState: "DEAUTHORIZING", ...connectionTimes(updated) };
    },

    async deleteConnection(input: { Name: string }) {
      const row = await connection(input.Name);
      await sql.query("DELETE FROM event_connections WHERE name = $1", [input.Name]);
      return { ConnectionArn: row.arn, ConnectionState: "DELETING", ...connectionTimes(row) };
    },

    async listConnections(input: { NamePrefix?: string; ConnectionState?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<ConnectionRow>(
        `SELECT * FROM event_connections WHERE starts_with(name, $1) AND ($4::text IS NULL OR state = $4)
          ORDER BY name OFFSET $2 LIMIT $3`,
        [input.NamePrefix ?? "", page.offset, page.limit + 1, input.ConnectionState ?? null],
      );
      const { items, next } = pageResult(rows, page);
      return {
        Connections: items.map(describeConnection),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
  };
}

/** The updated row, or the error of a connection deleted meanwhile. */
function found(row: ConnectionRow | undefined, name: string): ConnectionRow {
  if (row === undefined) {
    throw new EventsError("ResourceNotFoundException", `Connection '${name}' does not exist.`);
  }
  return row;
}
