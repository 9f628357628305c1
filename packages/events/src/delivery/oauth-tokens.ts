import type { OAuthParameters } from "./deliver-http.ts";
import { requestOAuthToken, type GrantedToken } from "./oauth-token-request.ts";

/** How {@link createOAuthTokens} fetches and keeps tokens. */
export interface OAuthTokensOptions {
  /** How long a token request may take. */
  timeoutMs: number;
  /** The clock (tests). */
  now?: () => number;
  /** The token request (tests of the cache alone). */
  request?: (oauth: OAuthParameters, timeoutMs: number) => Promise<GrantedToken>;
}

/**
 * The access tokens of OAUTH_CLIENT_CREDENTIALS connections, cached per key (the connection's ARN and
 * credentials generation, so new credentials never get an old token).
 */
export interface OAuthTokens {
  /** A valid token of the connection: the cached one, or a new one when none is, or it expires within 60 s. */
  token(key: string, oauth: OAuthParameters): Promise<string>;
  /**
   * A new token after an endpoint rejected `rejected` (401/407); callers holding the same stale token share
   * one request, and one that a concurrent refresh already replaced gets the replacement.
   */
  refresh(key: string, oauth: OAuthParameters, rejected: string): Promise<string>;
}

interface Cached {
  token: string;
  /** When to stop using it (epoch ms): 60 s before it expires, as EventBridge refreshes proactively. */
  renewAt: number;
}

/** EventBridge refreshes a token that expires within this many milliseconds. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Keeps each connection's access token in this process until it is about to expire (or is rejected), and
 * makes concurrent callers share one token request. A token without `expires_in` is kept until rejected.
 * A failed request is not cached: the next call asks again.
 */
export function createOAuthTokens(options: OAuthTokensOptions): OAuthTokens {
  const now = options.now ?? Date.now;
  const request = options.request ?? requestOAuthToken;
  const cached = new Map<string, Cached>();
  const pending = new Map<string, Promise<string>>();

  const fetchToken = (arn: string, oauth: OAuthParameters): Promise<string> => {
    let flight = pending.get(arn);
    if (flight === undefined) {
      const startedAt = now();
      flight = request(oauth, options.timeoutMs)
        .then(({ accessToken, expiresInSeconds }) => {
          const lifetime = expiresInSeconds === undefined ? Infinity : expiresInSeconds * 1000;
          // A token shorter-lived than the margin is still used for half its life rather than never.
          const margin = Math.min(REFRESH_MARGIN_MS, lifetime / 2);
          cached.set(arn, { token: accessToken, renewAt: startedAt + lifetime - margin });
          return accessToken;
        })
        .finally(() => pending.delete(arn));
      pending.set(arn, flight);
    }
    return flight;
  };

  return {
    token(arn, oauth) {
      const entry = cached.get(arn);
      if (entry !== undefined && now() < entry.renewAt) return Promise.resolve(entry.token);
      return fetchToken(arn, oauth);
    },
    refresh(arn, oauth, rejected) {
      const entry = cached.get(arn);
      if (entry !== undefined && entry.token !== rejected && now() < entry.renewAt) {
        return Promise.resolve(entry.token);
      }
      if (entry?.token === rejected) cached.delete(arn);
      return fetchToken(arn, oauth);
    },
  };
}
