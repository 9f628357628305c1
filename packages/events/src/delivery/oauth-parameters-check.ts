import { EventsError } from "../bus/events-error.ts";
import type { ConnectionAuth } from "./deliver-http.ts";

const METHODS = new Set(["GET", "POST", "PUT"]);

/**
 * Refuses the AuthParameters of an OAUTH_CLIENT_CREDENTIALS connection that could never get a token:
 * OAuthParameters with ClientParameters (ClientID, ClientSecret), an http(s) AuthorizationEndpoint and an
 * HttpMethod of GET, POST or PUT, as CreateConnection requires them.
 * @throws EventsError ValidationException naming the missing or wrong field.
 */
export function checkOAuthParameters(auth: ConnectionAuth | undefined): void {
  const oauth = auth?.OAuthParameters;
  const refuse = (problem: string): never => {
    throw new EventsError(
      "ValidationException",
      `An OAUTH_CLIENT_CREDENTIALS connection needs ${problem} in AuthParameters.OAuthParameters.`,
    );
  };
  if (oauth === undefined || oauth === null || typeof oauth !== "object") {
    return refuse("ClientParameters, AuthorizationEndpoint and HttpMethod");
  }
  const client = oauth.ClientParameters as Partial<typeof oauth.ClientParameters> | undefined;
  if (typeof client?.ClientID !== "string" || client.ClientID === "") refuse("ClientParameters.ClientID");
  if (typeof client?.ClientSecret !== "string" || client.ClientSecret === "") {
    refuse("ClientParameters.ClientSecret");
  }
  const endpoint = oauth.AuthorizationEndpoint as unknown;
  if (typeof endpoint !== "string" || !/^https?:\/\//.test(endpoint) || !URL.canParse(endpoint)) {
    refuse("an http(s) URL as AuthorizationEndpoint");
  }
  if (typeof oauth.HttpMethod !== "string" || !METHODS.has(oauth.HttpMethod)) {
    refuse("HttpMethod GET, POST or PUT");
  }
}
