import type { SqlClient } from "@stepflow/engine";
import type { EventTarget } from "../rules/event-target.ts";
import type { AuthorizationFailure, ConnectionAuthorization } from "./connection-authorization.ts";
import {
  CONNECTION_IN_USE_COLUMNS,
  connectionInUse,
  type ConnectionInUseRow,
  type ConnectionStates,
} from "./connection-states.ts";
import { DeliveryError } from "./delivery-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";

interface DestinationRow extends ConnectionInUseRow {
  invocation_endpoint: string;
  http_method: string;
  rate_limit_per_second: number | null;
}

/** Extra parameters of a connection's requests, as CreateConnection takes them. */
export interface ConnectionHttpParameters {
  HeaderParameters?: { Key: string; Value: string }[];
  QueryStringParameters?: { Key: string; Value: string }[];
  /** Merged into an HTTP Task's RequestBody; not sent to API destinations; form fields of a token request. */
  BodyParameters?: { Key: string; Value: string }[];
}

/** How an OAUTH_CLIENT_CREDENTIALS connection gets its access tokens. */
export interface OAuthParameters {
  ClientParameters: { ClientID: string; ClientSecret: string };
  AuthorizationEndpoint: string;
  /** GET, POST or PUT. */
  HttpMethod: string;
  OAuthHttpParameters?: ConnectionHttpParameters;
}

/** A connection's AuthParameters, as CreateConnection takes them (secrets included). */
export interface ConnectionAuth {
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue: string };
  BasicAuthParameters?: { Username: string; Password: string };
  OAuthParameters?: OAuthParameters;
  InvocationHttpParameters?: ConnectionHttpParameters;
}

/** Default InvocationRateLimitPerSecond of an API destination on AWS. */
export const DEFAULT_RATE_LIMIT = 300;

/** The statuses EventBridge retries for API destinations; other 4xx are final. */
const RETRIED = new Set([401, 407, 409, 429]);

/**
 * Sends `payload` to an API destination as EventBridge does: the destination's method and endpoint (`*` in
 * the path replaced by the target's PathParameterValues), the connection's authorization (an OAuth token
 * refreshed and the request sent once more when the endpoint answers 401 or 407) and invocation
 * parameters, then the target's HttpParameters; at most InvocationRateLimitPerSecond calls a second.
 * A DEAUTHORIZED connection sends nothing (see {@link ConnectionStates.authorize}).
 * @throws DeliveryError, retryable for network errors, timeouts, 401/407/409/429 and 5xx, and a
 *   connection that is or became DEAUTHORIZED (an UpdateConnection lets a retry through).
 */
export async function deliverHttp(
  sql: SqlClient,
  limiter: RateLimiter,
  connections: ConnectionStates,
  destination: string,
  target: EventTarget,
  payload: string,
  timeoutMs: number,
): Promise<void> {
  const { rows } = await sql.query<DestinationRow>(
    `SELECT d.invocation_endpoint, d.http_method, d.rate_limit_per_second, ${CONNECTION_IN_USE_COLUMNS}
       FROM event_api_destinations d JOIN event_connections c ON c.arn = d.connection_arn WHERE d.name = $1`,
    [destination],
  );
  const row = rows[0];
  if (!row) throw new DeliveryError(`API destination ${destination} or its connection does not exist`, false);
  const auth = row.auth_parameters;
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Amazon/EventBridge/ApiDestinations",
  };
  const url = new URL(fillPath(row.invocation_endpoint, target.HttpParameters?.PathParameterValues ?? []));
  for (const { Key, Value } of auth.InvocationHttpParameters?.QueryStringParameters ?? []) {
    url.searchParams.set(Key, Value);
  }
  for (const [key, value] of Object.entries(target.HttpParameters?.QueryStringParameters ?? {})) {
    url.searchParams.set(key, value);
  }
  for (const { Key, Value } of auth.InvocationHttpParameters?.HeaderParameters ?? []) {
    headers[Key.toLowerCase()] = Value;
  }
  for (const [key, value] of Object.entries(target.HttpParameters?.HeaderParameters ?? {})) {
    headers[key.toLowerCase()] = value;
  }
  const method = row.http_method.toUpperCase();
  const where = `${method} ${url.origin}${url.pathname}`;
  const send = async (authorization: ConnectionAuthorization): Promise<Response> => {
    await limiter.acquire(destination, row.rate_limit_per_second ?? DEFAULT_RATE_LIMIT);
    try {
      return await fetch(url, {
        method,
        headers: { ...authorization.headers, ...headers },
        ...(method === "GET" || method === "HEAD" ? {} : { body: payload }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      throw new DeliveryError(`${where} failed: ${reason}`, true);
    }
  };
  const connection = connectionInUse(row);
  let authorization = authorized(connection.arn, await connections.authorize(connection));
  let response = await send(authorization);
  if ((response.status === 401 || response.status === 407) && authorization.reauthorize) {
    await response.body?.cancel();
    authorization = authorized(connection.arn, await authorization.reauthorize());
    response = await send(authorization);
  }
  const body = await response.text().catch(() => "");
  if (response.ok) return;
  throw new DeliveryError(
    `${where} answered ${response.status}${body === "" ? "" : `: ${body.slice(0, 256)}`}`,
    RETRIED.has(response.status) || response.status >= 500,
  );
}

/** The authorization, or the DeliveryError of a connection that could not authorize the request. */
function authorized(
  arn: string,
  result: ConnectionAuthorization | AuthorizationFailure,
): ConnectionAuthorization {
  if ("failure" in result) {
    throw new DeliveryError(
      `Connection authorization failed for ${arn}: ${result.failure}`,
      result.retryable,
    );
  }
  return result;
}

function fillPath(endpoint: string, values: readonly string[]): string {
  let next = 0;
  return endpoint.replace(/\*/g, () => encodeURIComponent(values[next++] ?? ""));
}
