import type { EventsErrorCode } from "@stepflow/events";
import type { WireError } from "../errors/engine-error-table.ts";

/**
 * Every event bus error code → HTTP status and AWS `__type`. Exhaustive by type, so a code added to
 * @stepflow/events does not compile until it is mapped here. EventBridge answers all of them with 400.
 */
export const EVENTS_ERROR_TABLE: { readonly [code in EventsErrorCode]: WireError } = {
  ResourceNotFoundException: { status: 400, type: "ResourceNotFoundException" },
  ResourceAlreadyExistsException: { status: 400, type: "ResourceAlreadyExistsException" },
  ValidationException: { status: 400, type: "ValidationException" },
  InvalidEventPatternException: { status: 400, type: "InvalidEventPatternException" },
  LimitExceededException: { status: 400, type: "LimitExceededException" },
  IllegalStatusException: { status: 400, type: "IllegalStatusException" },
};
