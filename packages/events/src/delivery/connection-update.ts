import { EventsError } from "../bus/events-error.ts";
import type { ConnectionAuth } from "./deliver-http.ts";
import { checkOAuthParameters } from "./oauth-parameters-check.ts";

/** UpdateConnection's AuthParameters: any member may be left out (it keeps its value). */
export interface ConnectionAuthUpdate {
  ApiKeyAuthParameters?: { ApiKeyName?: string; ApiKeyValue?: string };
  BasicAuthParameters?: { Username?: string; Password?: string };
  OAuthParameters?: {
    ClientParameters?: { ClientID?: string; ClientSecret?: string };
    AuthorizationEndpoint?: string;
    HttpMethod?: string;
    OAuthHttpParameters?: ConnectionAuth["InvocationHttpParameters"];
  };
  InvocationHttpParameters?: ConnectionAuth["InvocationHttpParameters"];
}

/**
 * The AuthParameters after UpdateConnection: the given members over the stored ones, or only the given
 * ones when the AuthorizationType changes (the old type's credentials do not carry over).
 * @throws EventsError ValidationException when the result lacks what the type needs.
 */
export function updatedAuth(
  type: string,
  stored: ConnectionAuth,
  changedType: boolean,
  update: ConnectionAuthUpdate,
): ConnectionAuth {
  const base: ConnectionAuth = changedType ? {} : stored;
  const merged = {
    ...(base.ApiKeyAuthParameters || update.ApiKeyAuthParameters
      ? { ApiKeyAuthParameters: { ...base.ApiKeyAuthParameters, ...update.ApiKeyAuthParameters } }
      : {}),
    ...(base.BasicAuthParameters || update.BasicAuthParameters
      ? { BasicAuthParameters: { ...base.BasicAuthParameters, ...update.BasicAuthParameters } }
      : {}),
    ...(base.OAuthParameters || update.OAuthParameters
      ? {
          OAuthParameters: {
            ...base.OAuthParameters,
            ...update.OAuthParameters,
            ClientParameters: {
              ...base.OAuthParameters?.ClientParameters,
              ...update.OAuthParameters?.ClientParameters,
            },
          },
        }
      : {}),
  } as ConnectionAuth;
  const invocation = update.InvocationHttpParameters ?? stored.InvocationHttpParameters;
  if (invocation !== undefined) merged.InvocationHttpParameters = invocation;
  checkComplete(type, merged);
  return merged;
}

/** The AuthParameters without their secrets, as DeauthorizeConnection leaves them. */
export function withoutSecrets(auth: ConnectionAuth): ConnectionAuth {
  const kept: ConnectionAuth = { ...auth };
  if (auth.ApiKeyAuthParameters) {
    kept.ApiKeyAuthParameters = { ApiKeyName: auth.ApiKeyAuthParameters.ApiKeyName } as never;
  }
  if (auth.BasicAuthParameters) {
    kept.BasicAuthParameters = { Username: auth.BasicAuthParameters.Username } as never;
  }
  if (auth.OAuthParameters) {
    const { ClientSecret: _secret, ...client } = auth.OAuthParameters.ClientParameters;
    kept.OAuthParameters = { ...auth.OAuthParameters, ClientParameters: client as never };
  }
  return kept;
}

function checkComplete(type: string, auth: ConnectionAuth): void {
  const refuse = (needs: string): never => {
    throw new EventsError("ValidationException", `A ${type} connection needs ${needs} in AuthParameters.`);
  };
  if (type === "OAUTH_CLIENT_CREDENTIALS") return checkOAuthParameters(auth);
  if (
    type === "API_KEY" &&
    !(auth.ApiKeyAuthParameters?.ApiKeyName && auth.ApiKeyAuthParameters.ApiKeyValue)
  ) {
    refuse("ApiKeyAuthParameters.ApiKeyName and ApiKeyValue");
  }
  if (type === "BASIC" && !(auth.BasicAuthParameters?.Username && auth.BasicAuthParameters.Password)) {
    refuse("BasicAuthParameters.Username and Password");
  }
}
