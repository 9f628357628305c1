import { randomUUID } from "node:crypto";
import type { BusContext } from "../bus/bus-context.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import type { ConnectionAuth } from "./deliver-http.ts";
import { checkOAuthParameters } from "./oauth-parameters-check.ts";

const NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const AUTH_TYPES = new Set(["API_KEY", "BASIC", "OAUTH_CLIENT_CREDENTIALS"]);
const METHODS = new Set(["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"]);

interface ConnectionRow {
  name: string;
  arn: string;
  authorization_type: string;
  auth_parameters: ConnectionAuth;
  description: string | null;
  created_at: Date | string;
  last_modified_at: Date | string;
}

interface DestinationRow {
  name: string;
  arn: string;
  connection_arn: string;
  invocation_endpoint: string;
  http_method: string;
  rate_limit_per_second: number | null;
  description: string | null;
  created_at: Date | string;
  last_modified_at: Date | string;
}

/**
 * Connections (auth for HTTP targets: API_KEY, BASIC or OAUTH_CLIENT_CREDENTIALS) and API
 * destinations (endpoint, method, rate limit): Create/Describe/Delete/List of each. Secrets are never
 * returned, as on AWS.
 */
export function createDestinationApi(ctx: BusContext) {
  const { sql, arns } = ctx;
  const checkName = (name: unknown) => {
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new EventsError(
        "ValidationException",
        `1 validation error detected: Value '${String(name)}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
      );
    }
  };
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
  const destination = async (name: string) => {
    const { rows } = await sql.query<DestinationRow>("SELECT * FROM event_api_destinations WHERE name = $1", [
      name,
    ]);
    if (!rows[0]) {
      throw new EventsError(
        "ResourceNotFoundException",
        `Failed to describe the api-destination(s). An api-destination '${name}' does not exist.`,
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
      checkName(input.Name);
      if (!AUTH_TYPES.has(input.AuthorizationType)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${input.AuthorizationType}' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]`,
        );
      }
      if (input.AuthorizationType === "OAUTH_CLIENT_CREDENTIALS") checkOAuthParameters(input.AuthParameters);
      const arn = arns.connection(input.Name, randomUUID());
      const { rows } = await sql.query<ConnectionRow>(
        `INSERT INTO event_connections (name, arn, authorization_type, auth_parameters, description)
         VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (name) DO NOTHING RETURNING *`,
        [
          input.Name,
          arn,
          input.AuthorizationType,
          JSON.stringify(input.AuthParameters ?? {}),
          input.Description ?? null,
        ],
      );
      const row = rows[0];
      if (!row)
        throw new EventsError("ResourceAlreadyExistsException", `Connection ${input.Name} already exists.`);
      return {
        ConnectionArn: arn,
        ConnectionState: "AUTHORIZED",
        CreationTime: new Date(row.created_at),
        LastModifiedTime: new Date(row.last_modified_at),
      };
    },

    async describeConnection(input: { Name: string }) {
      return describeConnection(await connection(input.Name));
    },

    async deleteConnection(input: { Name: string }) {
      const row = await connection(input.Name);
      await sql.query("DELETE FROM event_connections WHERE name = $1", [input.Name]);
      return { ...describeConnection(row), ConnectionState: "DELETING" };
    },

    async listConnections(input: { NamePrefix?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<ConnectionRow>(
        "SELECT * FROM event_connections WHERE starts_with(name, $1) ORDER BY name OFFSET $2 LIMIT $3",
        [input.NamePrefix ?? "", page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return {
        Connections: items.map(describeConnection),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },

    async createApiDestination(input: {
      Name: string;
      ConnectionArn: string;
      InvocationEndpoint: string;
      HttpMethod: string;
      InvocationRateLimitPerSecond?: number;
      Description?: string;
    }) {
      checkName(input.Name);
      if (!METHODS.has(input.HttpMethod)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${input.HttpMethod}' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [POST, GET, HEAD, OPTIONS, PUT, PATCH, DELETE]`,
        );
      }
      if (!URL.canParse(input.InvocationEndpoint.replace(/\*/g, "x"))) {
        throw new EventsError(
          "ValidationException",
          `Invalid InvocationEndpoint: ${input.InvocationEndpoint}`,
        );
      }
      const rate = input.InvocationRateLimitPerSecond;
      if (rate !== undefined && !(Number.isInteger(rate) && rate >= 1)) {
        throw new EventsError(
          "ValidationException",
          `1 validation error detected: Value '${rate}' at 'invocationRateLimitPerSecond' failed to satisfy constraint: Member must have value greater than or equal to 1`,
        );
      }
      const { rows: found } = await sql.query("SELECT 1 FROM event_connections WHERE arn = $1", [
        input.ConnectionArn,
      ]);
      if (!found[0]) {
        throw new EventsError(
          "ResourceNotFoundException",
          `Connection '${input.ConnectionArn}' does not exist.`,
        );
      }
      const arn = arns.apiDestination(input.Name, randomUUID());
      const { rows } = await sql.query<DestinationRow>(
        `INSERT INTO event_api_destinations (name, arn, connection_arn, invocation_endpoint, http_method,
           rate_limit_per_second, description) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (name) DO NOTHING RETURNING *`,
        [
          input.Name,
          arn,
          input.ConnectionArn,
          input.InvocationEndpoint,
          input.HttpMethod,
          rate ?? null,
          input.Description ?? null,
        ],
      );
      const row = rows[0];
      if (!row) {
        throw new EventsError(
          "ResourceAlreadyExistsException",
          `An api-destination '${input.Name}' already exists.`,
        );
      }
      return {
        ApiDestinationArn: arn,
        ApiDestinationState: "ACTIVE",
        CreationTime: new Date(row.created_at),
        LastModifiedTime: new Date(row.last_modified_at),
      };
    },

    async describeApiDestination(input: { Name: string }) {
      return describeDestination(await destination(input.Name));
    },

    async deleteApiDestination(input: { Name: string }): Promise<void> {
      await destination(input.Name);
      await sql.query("DELETE FROM event_api_destinations WHERE name = $1", [input.Name]);
    },

    async listApiDestinations(input: { NamePrefix?: string } & PageRequest = {}) {
      const page = pageOf(input);
      const { rows } = await sql.query<DestinationRow>(
        "SELECT * FROM event_api_destinations WHERE starts_with(name, $1) ORDER BY name OFFSET $2 LIMIT $3",
        [input.NamePrefix ?? "", page.offset, page.limit + 1],
      );
      const { items, next } = pageResult(rows, page);
      return {
        ApiDestinations: items.map(describeDestination),
        ...(next === undefined ? {} : { NextToken: next }),
      };
    },
  };
}

function describeConnection(row: ConnectionRow) {
  const auth = row.auth_parameters;
  const shown: Record<string, unknown> = {};
  if (auth.ApiKeyAuthParameters)
    shown.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName };
  if (auth.BasicAuthParameters) shown.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username };
  if (auth.OAuthParameters) {
    // Everything but the client secret, as DescribeConnection shows it.
    const { ClientParameters, ...oauth } = auth.OAuthParameters;
    shown.OAuthParameters = { ...oauth, ClientParameters: { ClientID: ClientParameters.ClientID } };
  }
  if (auth.InvocationHttpParameters) shown.InvocationHttpParameters = auth.InvocationHttpParameters;
  return {
    ConnectionArn: row.arn,
    Name: row.name,
    ConnectionState: "AUTHORIZED",
    AuthorizationType: row.authorization_type,
    AuthParameters: shown,
    ...(row.description === null ? {} : { Description: row.description }),
    CreationTime: new Date(row.created_at),
    LastModifiedTime: new Date(row.last_modified_at),
  };
}

function describeDestination(row: DestinationRow) {
  return {
    ApiDestinationArn: row.arn,
    Name: row.name,
    ApiDestinationState: "ACTIVE",
    ConnectionArn: row.connection_arn,
    InvocationEndpoint: row.invocation_endpoint,
    HttpMethod: row.http_method,
    InvocationRateLimitPerSecond: row.rate_limit_per_second ?? 300,
    ...(row.description === null ? {} : { Description: row.description }),
    CreationTime: new Date(row.created_at),
    LastModifiedTime: new Date(row.last_modified_at),
  };
}

/** The connection and API destination API. */
export type DestinationApi = ReturnType<typeof createDestinationApi>;
