import type { SqlClient } from "@stepflow/engine";
import type { EventTarget } from "../rules/event-target.ts";
import { authorizationHeaders } from "./connection-authorization.ts";
import { DeliveryError } from "./delivery-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";

interface DestinationRow {
  invocation_endpoint: string;
  http_method: string;
  rate_limit_per_second: number | null;
  authorization_type: string;
  auth_parameters: ConnectionAuth;
}

/** A connection's AuthParameters, as CreateConnection takes them (secrets included). */
export interface ConnectionAuth {
  ApiKeyAuthParameters?: { ApiKeyName: string; ApiKeyValue: string };
  BasicAuthParameters?: { Username: string; Password: string };
  InvocationHttpParameters?: {
    HeaderParameters?: { Key: string; Value: string }[];
    QueryStringParameters?: { Key: string; Value: string }[];
    /** Merged into an HTTP Task's RequestBody; not sent to API destinations. */
    BodyParameters?: { Key: string; Value: string }[];
  };
}

/** Default InvocationRateLimitPerSecond of an API destination on AWS. */
export const DEFAULT_RATE_LIMIT = 300;

/** The statuses EventBridge retries for API destinations; other 4xx are final. */
const RETRIED = new Set([401, 407, 409, 429]);

/**
 * Sends `payload` to an API destination as EventBridge does: the destination's method and endpoint (`*` in
 * the path replaced by the target's PathParameterValues), the connection's auth header and invocation
 * parameters, then the target's HttpParameters; at most InvocationRateLimitPerSecond calls a second.
 * @throws DeliveryError, retryable for network errors, timeouts, 401/407/409/429 and 5xx.
 */
export async function deliverHttp(
  sql: SqlClient,
  limiter: RateLimiter,
  destination: string,
  target: EventTarget,
  payload: string,
  timeoutMs: number,
): Promise<void> {
  const { rows } = await sql.query<DestinationRow>(
    `SELECT d.invocation_endpoint, d.http_method, d.rate_limit_per_second, c.authorization_type, c.auth_parameters
       FROM event_api_destinations d JOIN event_connections c ON c.arn = d.connection_arn WHERE d.name = $1`,
    [destination],
  );
  const row = rows[0];
  if (!row) throw new DeliveryError(`API destination ${destination} or its connection does not exist`, false);
  const auth = row.auth_parameters;
  const authorization = authorizationHeaders(row.authorization_type, auth);
  if (authorization === undefined) {
    throw new DeliveryError(
      `Authorization type ${row.authorization_type} is not supported by Stepflow`,
      false,
    );
  }
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Amazon/EventBridge/ApiDestinations",
    ...authorization,
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
  await limiter.acquire(destination, row.rate_limit_per_second ?? DEFAULT_RATE_LIMIT);
  const method = row.http_method.toUpperCase();
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
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
    throw new DeliveryError(`${method} ${url.origin}${url.pathname} failed: ${reason}`, true);
  }
  const body = await response.text().catch(() => "");
  if (response.ok) return;
  throw new DeliveryError(
    `${method} ${url.origin}${url.pathname} answered ${response.status}${body === "" ? "" : `: ${body.slice(0, 256)}`}`,
    RETRIED.has(response.status) || response.status >= 500,
  );
}

function fillPath(endpoint: string, values: readonly string[]): string {
  let next = 0;
  return endpoint.replace(/\*/g, () => encodeURIComponent(values[next++] ?? ""));
}
