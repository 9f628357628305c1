import { SqlError } from "@stepflow/engine";
import {
  EventValidationError,
  EventsError,
  InvalidEventPatternError,
  TargetValidationError,
} from "@stepflow/events";
import { wireErrorOf, type WireErrorBody } from "../errors/wire-error-of.ts";
import type { Logger } from "../logger.ts";
import { EVENTS_ERROR_TABLE } from "./events-error-table.ts";

/**
 * Maps anything thrown while answering an `AWSEvents.*` request to its wire form: event bus errors through
 * {@link EVENTS_ERROR_TABLE}, the pattern / event / target errors of @stepflow/events by their AWS code, a
 * PostgreSQL data exception (text the database cannot store, such as `\u0000`) as ValidationException, and
 * everything else as the Step Functions protocol maps it (protocol errors, 503 for an unreachable
 * database, 500 for bugs).
 */
export function eventsWireErrorOf(error: unknown, log: Logger, requestId: string): WireErrorBody {
  if (error instanceof EventsError) return { ...EVENTS_ERROR_TABLE[error.code], message: error.message };
  if (
    error instanceof InvalidEventPatternError ||
    error instanceof EventValidationError ||
    error instanceof TargetValidationError
  ) {
    return { ...EVENTS_ERROR_TABLE[error.code], message: error.message };
  }
  if (error instanceof SqlError && error.sqlState?.startsWith("22") === true) {
    return {
      status: 400,
      type: "ValidationException",
      message: `The request holds text that cannot be stored (a NUL character \\u0000 or an unpaired UTF-16 surrogate): ${error.message}`,
    };
  }
  return wireErrorOf(error, log, requestId);
}
