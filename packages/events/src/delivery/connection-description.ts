import type { ConnectionState } from "./connection-states.ts";
import type { ConnectionAuth } from "./deliver-http.ts";

/** A row of event_connections. */
export interface ConnectionRow {
  name: string;
  arn: string;
  authorization_type: string;
  auth_parameters: ConnectionAuth;
  description: string | null;
  state: ConnectionState;
  state_reason: string | null;
  last_authorized_at: Date | string | null;
  auth_generation: number;
  created_at: Date | string;
  last_modified_at: Date | string;
}

/** The times every connection response carries (LastAuthorizedTime once it was authorized). */
export function connectionTimes(row: ConnectionRow) {
  return {
    CreationTime: new Date(row.created_at),
    LastModifiedTime: new Date(row.last_modified_at),
    ...(row.last_authorized_at === null ? {} : { LastAuthorizedTime: new Date(row.last_authorized_at) }),
  };
}

/** DescribeConnection's answer: everything but the secrets, as on AWS. */
export function describeConnection(row: ConnectionRow) {
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
    ConnectionState: row.state,
    ...(row.state_reason === null ? {} : { StateReason: row.state_reason }),
    AuthorizationType: row.authorization_type,
    AuthParameters: shown,
    ...(row.description === null ? {} : { Description: row.description }),
    ...connectionTimes(row),
  };
}
