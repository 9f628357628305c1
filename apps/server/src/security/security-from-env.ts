import { parseAccessKeys, type AccessKeys } from "./access-keys.ts";
import { parseApiKeys } from "./api-keys.ts";

/** The credentials the server checks; empty ones switch that check off (embedded dev mode). */
export interface Security {
  /** SigV4 credentials of the AWS protocol (`STEPFLOW_ACCESS_KEYS`). */
  accessKeys: AccessKeys;
  /** Bearer tokens of the REST `/v1` API (`STEPFLOW_API_KEYS`). */
  apiKeys: readonly string[];
}

/**
 * Reads `STEPFLOW_ACCESS_KEYS` and `STEPFLOW_API_KEYS`; throws (without echoing secrets) when either is
 * malformed, so a typo cannot silently turn verification off.
 */
export function securityFromEnv(env: Readonly<Record<string, string | undefined>>): Security {
  return {
    accessKeys: parseAccessKeys(env["STEPFLOW_ACCESS_KEYS"] ?? ""),
    apiKeys: parseApiKeys(env["STEPFLOW_API_KEYS"] ?? ""),
  };
}
