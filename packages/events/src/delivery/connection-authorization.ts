import type { ConnectionAuth, OAuthParameters } from "./deliver-http.ts";
import { OAuthTokenError } from "./oauth-token-request.ts";
import type { OAuthTokens } from "./oauth-tokens.ts";

/** The headers that authorize a request through a connection. Names are lower case. */
export interface ConnectionAuthorization {
  headers: Record<string, string>;
  /**
   * OAuth only: new headers after the endpoint answered 401 or 407 to these (EventBridge refreshes the
   * token then); the request is sent once more with them.
   */
  reauthorize?: () => Promise<ConnectionAuthorization | AuthorizationFailure>;
}

/**
 * Why a connection cannot authorize a request now; `retryable` when the authorization server is down;
 * `deauthorizes` when its token request was refused or found no server, which on EventBridge deauthorizes
 * the connection.
 */
export interface AuthorizationFailure {
  failure: string;
  retryable: boolean;
  deauthorizes?: boolean;
}

/** What a connection row holds about its authorization. */
export interface ConnectionRecord {
  arn: string;
  authorizationType: string;
  auth: ConnectionAuth;
  /** Which credentials these are (UpdateConnection and DeauthorizeConnection count up): keys its tokens. */
  generation: number;
}

/**
 * Authorizes through a connection as EventBridge does: `<ApiKeyName>: <ApiKeyValue>` for API_KEY,
 * `authorization: Basic ...` for BASIC, `authorization: Bearer <access token>` for OAUTH_CLIENT_CREDENTIALS
 * (a token from its AuthorizationEndpoint, cached in `tokens`). A failure says what is wrong: parameters that
 * do not match the type, or the authorization server's refusal.
 */
export async function authorizeConnection(
  connection: ConnectionRecord,
  tokens: OAuthTokens,
): Promise<ConnectionAuthorization | AuthorizationFailure> {
  const { authorizationType, auth } = connection;
  if (authorizationType === "API_KEY" && auth.ApiKeyAuthParameters) {
    const { ApiKeyName, ApiKeyValue } = auth.ApiKeyAuthParameters;
    return { headers: { [ApiKeyName.toLowerCase()]: ApiKeyValue } };
  }
  if (authorizationType === "BASIC" && auth.BasicAuthParameters) {
    const { Username, Password } = auth.BasicAuthParameters;
    return {
      headers: { authorization: `Basic ${Buffer.from(`${Username}:${Password}`).toString("base64")}` },
    };
  }
  if (authorizationType === "OAUTH_CLIENT_CREDENTIALS" && auth.OAuthParameters) {
    const oauth = auth.OAuthParameters;
    // A token of replaced credentials is never used: the cache key names the generation.
    const key = `${connection.arn}#${connection.generation}`;
    return bearer(key, oauth, tokens, () => tokens.token(key, oauth));
  }
  return {
    failure: `its ${authorizationType} AuthParameters are missing (give them with UpdateConnection)`,
    retryable: false,
  };
}

async function bearer(
  key: string,
  oauth: OAuthParameters,
  tokens: OAuthTokens,
  get: () => Promise<string>,
): Promise<ConnectionAuthorization | AuthorizationFailure> {
  let token: string;
  try {
    token = await get();
  } catch (error) {
    if (!(error instanceof OAuthTokenError)) throw error;
    // A refusal or an unreachable server deauthorizes the connection; 429 and 5xx are the server's
    // passing trouble and fail only this call.
    const passing = error.status !== undefined && (error.status === 429 || error.status >= 500);
    return {
      failure: `the OAuth token request failed: ${error.message}`,
      retryable: error.retryable,
      deauthorizes: !passing,
    };
  }
  return {
    headers: { authorization: `Bearer ${token}` },
    reauthorize: () => bearer(key, oauth, tokens, () => tokens.refresh(key, oauth, token)),
  };
}
