import { MAX_RESULTS } from "../aws/limits.ts";
import type { RestFields } from "./rest-fields.ts";

/** A page request as the engine takes it. */
export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

/** Reads the `limit` (1-1000, default 100) and `cursor` query parameters of a list route. */
export function pageRequest(query: RestFields): PageRequest {
  const limit = query.optionalInteger("limit", 1, MAX_RESULTS[1]);
  const cursor = query.optionalString("cursor", { min: 1, max: 1024 });
  return {
    ...(limit === undefined ? {} : { maxResults: limit }),
    ...(cursor === undefined ? {} : { nextToken: cursor }),
  };
}

/** A page as the REST API answers it: `items`, and `nextCursor` when there are more. */
export function page<T>(items: T[], nextToken: string | undefined): { items: T[]; nextCursor?: string } {
  return nextToken === undefined ? { items } : { items, nextCursor: nextToken };
}
