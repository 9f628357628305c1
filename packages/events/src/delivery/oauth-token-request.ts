import type { OAuthParameters } from "./deliver-http.ts";

/** An access token as the authorization server granted it. */
export interface GrantedToken {
  accessToken: string;
  /** `expires_in` of the answer; undefined when the server gave none (the token lasts until rejected). */
  expiresInSeconds: number | undefined;
}

/**
 * The authorization server could not be reached or refused the client; `retryable` for outages; `status`
 * the server's answer (undefined when none came).
 */
export class OAuthTokenError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "OAuthTokenError";
  }
}

/**
 * Asks a connection's AuthorizationEndpoint for an access token with the client credentials grant, as
 * EventBridge does: the connection's HttpMethod, `Authorization: Basic base64(ClientID:ClientSecret)`,
 * and its OAuthHttpParameters (headers, query string, and body parameters sent form-encoded as RFC 6749
 * §4.4 asks, so `grant_type=client_credentials` goes in BodyParameters as on AWS). The answer must be a
 * 2xx JSON object with a string `access_token`.
 * @throws OAuthTokenError, retryable for network errors, timeouts, 429 and 5xx.
 */
export async function requestOAuthToken(oauth: OAuthParameters, timeoutMs: number): Promise<GrantedToken> {
  const { ClientID, ClientSecret } = oauth.ClientParameters;
  const extra = oauth.OAuthHttpParameters;
  const method = oauth.HttpMethod.toUpperCase();
  const url = new URL(oauth.AuthorizationEndpoint);
  for (const { Key, Value } of extra?.QueryStringParameters ?? []) url.searchParams.set(Key, Value);
  const headers: Record<string, string> = { accept: "application/json" };
  for (const { Key, Value } of extra?.HeaderParameters ?? []) headers[Key.toLowerCase()] = Value;
  headers.authorization = `Basic ${Buffer.from(`${ClientID}:${ClientSecret}`).toString("base64")}`;
  const form = new URLSearchParams(
    (extra?.BodyParameters ?? []).map(({ Key, Value }): [string, string] => [Key, Value]),
  );
  const withBody = method !== "GET" && form.size > 0;
  if (withBody) headers["content-type"] = "application/x-www-form-urlencoded";
  const where = `${method} ${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(withBody ? { body: form.toString() } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new OAuthTokenError(`${where} failed: ${innermost(error)}`, true);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) {
    throw new OAuthTokenError(
      `${where} answered ${response.status}${text === "" ? "" : `: ${text.slice(0, 256)}`}`,
      response.status === 429 || response.status >= 500,
      response.status,
    );
  }
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const fields = typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>) : {};
  const accessToken = fields["access_token"];
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new OAuthTokenError(
      `${where} answered ${response.status} without an access_token`,
      false,
      response.status,
    );
  }
  const expiresIn = Number(fields["expires_in"]);
  return {
    accessToken,
    expiresInSeconds: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
  };
}

/** fetch reports "fetch failed" and keeps the socket's error as its cause. */
function innermost(error: unknown): string {
  let at: unknown = error;
  while (at instanceof Error && at.cause instanceof Error) at = at.cause;
  return at instanceof Error ? at.message : String(at);
}
