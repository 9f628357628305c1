import { EngineError } from "../errors/engine-error.ts";

/** Encodes a keyset cursor as an opaque token. */
export function encodeToken(cursor: unknown): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** Decodes a token made by {@link encodeToken}; InvalidToken for anything else. */
export function decodeToken<T>(token: string | undefined): T | undefined {
  if (token === undefined || token === "") return undefined;
  try {
    return JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as T;
  } catch {
    throw new EngineError("InvalidToken", "Invalid Token: the nextToken is malformed");
  }
}

/** maxResults as AWS reads it: 0 or absent means the default; more than 1000 is invalid. */
export function pageSize(maxResults: number | undefined, fallback = 100): number {
  if (maxResults === undefined || maxResults === 0) return fallback;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000) {
    throw new EngineError(
      "ValidationException",
      `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`,
    );
  }
  return maxResults;
}
