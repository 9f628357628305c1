import { randomUUID } from "node:crypto";
import type { BusContext } from "../bus/bus-context.ts";
import { EventsError } from "../bus/events-error.ts";
import { pageOf, pageResult, type PageRequest } from "../bus/pagination.ts";
import { checkResourceName } from "./connection-api.ts";

const METHODS = new Set(["POST", "GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"]);

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
 * API destinations (endpoint, method, rate limit, and the connection that authorizes their requests):
 * Create/Describe/Delete/List. Connections are in connection-api.ts.
 */
export function createDestinationApi(ctx: BusContext) {
  const { sql, arns } = ctx;
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
    async createApiDestination(input: {
      Name: string;
      ConnectionArn: string;
      InvocationEndpoint: string;
      HttpMethod: string;
      InvocationRateLimitPerSecond?: number;
      Description?: string;
    }) {
      checkResourceName(input.Name);
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

/** The API destination API. */
export type DestinationApi = ReturnType<typeof createDestinationApi>;
