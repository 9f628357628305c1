import type { RestFields } from "../rest-fields.ts";

/** A List* page as the event bus takes it. */
export interface BusPageRequest {
  Limit?: number;
  NextToken?: string;
}

/**
 * Reads the `limit` (1-100, EventBridge's maximum, default 100) and `cursor` query parameters of an event
 * bus list route; a cursor the bus did not issue is refused by the bus (400).
 */
export function busPageRequest(query: RestFields): BusPageRequest {
  const limit = query.optionalInteger("limit", 1, 100);
  const cursor = query.optionalString("cursor", { min: 1, max: 2048 });
  return {
    ...(limit === undefined ? {} : { Limit: limit }),
    ...(cursor === undefined ? {} : { NextToken: cursor }),
  };
}
