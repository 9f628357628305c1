import type { EventsErrorCode } from "@stepflow/events";
import type { RestStatus } from "../rest-error-table.ts";

/**
 * Every event bus error code → REST status and problem title. Exhaustive by type, so a code added to
 * @stepflow/events does not compile until it is mapped. Unlike EventBridge's wire protocol (always 400),
 * REST answers 404 for a missing resource and 409 for one that already exists or is in the wrong state.
 */
export const EVENTS_REST_ERROR_TABLE: { readonly [code in EventsErrorCode]: RestStatus } = {
  ResourceNotFoundException: { status: 404, title: "Resource not found" },
  ResourceAlreadyExistsException: { status: 409, title: "Resource already exists" },
  IllegalStatusException: { status: 409, title: "Not allowed in the resource's current state" },
  ValidationException: { status: 400, title: "Invalid request" },
  InvalidEventPatternException: { status: 400, title: "Invalid event pattern" },
  LimitExceededException: { status: 400, title: "Limit exceeded" },
};
