import type { NextFunction, Request, RequestHandler, Response } from "express";
import { sameSecret } from "./same-secret.ts";

/** Options of {@link bearerApiKey}. */
export interface BearerApiKeyOptions {
  /** Accepted tokens (`STEPFLOW_API_KEYS`). Empty: every request passes (embedded dev mode). */
  keys: readonly string[];
}

/**
 * Express middleware for the REST `/v1` API: requires `Authorization: Bearer <key>` with one of `keys`,
 * compared in constant time. A missing or wrong key is answered 401 with an RFC 9457 problem body and
 * `WWW-Authenticate: Bearer` (RFC 6750); the presented token is never logged or echoed. GET requests
 * may carry the key as `?access_token=` instead (RFC 6750 §2.3), since a browser's EventSource cannot
 * set headers on the /v1 event streams.
 *
 * @example
 * app.use("/v1", bearerApiKey({ keys: parseApiKeys(process.env.STEPFLOW_API_KEYS ?? "") }), v1Router);
 */
export function bearerApiKey(options: BearerApiKeyOptions): RequestHandler {
  const keys = [...options.keys];
  return (req: Request, res: Response, next: NextFunction) => {
    if (keys.length === 0) {
      next();
      return;
    }
    const token = presentedToken(req);
    // Every key is compared, so the time taken does not tell which one came close.
    const accepted = token !== undefined && keys.map((key) => sameSecret(token, key)).includes(true);
    if (accepted) {
      next();
      return;
    }
    const error = token === undefined ? "invalid_request" : "invalid_token";
    res
      .status(401)
      .set("WWW-Authenticate", `Bearer realm="stepflow", error="${error}"`)
      .type("application/problem+json")
      .send(
        JSON.stringify({
          type: "about:blank",
          title: "Unauthorized",
          status: 401,
          detail:
            token === undefined
              ? "This API needs 'Authorization: Bearer <key>' with a key from STEPFLOW_API_KEYS"
              : "The API key is not valid",
        }),
      );
  };
}

function presentedToken(req: Request): string | undefined {
  const header = req.get("authorization");
  if (header !== undefined) return /^Bearer +(\S+) *$/i.exec(header)?.[1];
  const query: unknown = req.method === "GET" ? req.query["access_token"] : undefined;
  return typeof query === "string" && query !== "" ? query : undefined;
}
