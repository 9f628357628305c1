import type { ConnectionAuth } from "./deliver-http.ts";

/**
 * The header a connection authorizes requests with: `<ApiKeyName>: <ApiKeyValue>` for API_KEY,
 * `authorization: Basic ...` for BASIC. Undefined for a type Stepflow cannot send (OAUTH_CLIENT_CREDENTIALS
 * is stored but no token is fetched) or parameters that do not match the type. Names are lower case.
 */
export function authorizationHeaders(
  authorizationType: string,
  auth: ConnectionAuth,
): Record<string, string> | undefined {
  if (authorizationType === "API_KEY" && auth.ApiKeyAuthParameters) {
    const { ApiKeyName, ApiKeyValue } = auth.ApiKeyAuthParameters;
    return { [ApiKeyName.toLowerCase()]: ApiKeyValue };
  }
  if (authorizationType === "BASIC" && auth.BasicAuthParameters) {
    const { Username, Password } = auth.BasicAuthParameters;
    return { authorization: `Basic ${Buffer.from(`${Username}:${Password}`).toString("base64")}` };
  }
  return undefined;
}
