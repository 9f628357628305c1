import { EventsError } from "./events-error.ts";

/** Limit and NextToken of a List* call, as EventBridge takes them. */
export interface PageRequest {
  Limit?: number;
  NextToken?: string;
}

/**
 * The offset and page size a List* request asks for. NextToken is an opaque offset; Limit is 1..100
 * (default 100).
 * @throws EventsError ValidationException for a bad Limit or a token this bus did not issue.
 */
export function pageOf(request: PageRequest): { offset: number; limit: number } {
  const limit = request.Limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new EventsError(
      "ValidationException",
      `1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100`,
    );
  }
  if (request.NextToken === undefined) return { offset: 0, limit };
  const match = /^o(\d+)$/.exec(Buffer.from(request.NextToken, "base64url").toString("utf8"));
  if (!match) throw new EventsError("ValidationException", "The NextToken is not valid.");
  return { offset: Number(match[1]), limit };
}

/** Slices one page out of `rows` (fetched with `limit + 1` from `offset`) and the token of the next one. */
export function pageResult<T>(rows: T[], page: { offset: number; limit: number }) {
  const more = rows.length > page.limit;
  const items = more ? rows.slice(0, page.limit) : rows;
  const next = more ? Buffer.from(`o${page.offset + page.limit}`, "utf8").toString("base64url") : undefined;
  return { items, next };
}
