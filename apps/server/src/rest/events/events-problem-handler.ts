import { SqlError } from "@stepflow/engine";
import {
  EventValidationError,
  EventsError,
  InvalidEventPatternError,
  TargetValidationError,
} from "@stepflow/events";
import type { NextFunction, Request, Response } from "express";
import { problemType, sendProblem } from "../problem.ts";
import { EVENTS_REST_ERROR_TABLE } from "./events-rest-error-table.ts";

/**
 * Express error handler for the event bus routes: answers the errors of @stepflow/events as RFC 9457
 * problems through {@link EVENTS_REST_ERROR_TABLE}, and text PostgreSQL cannot store (SQLSTATE class 22,
 * such as `\u0000`) as a 400; everything else goes on to the REST API's own handler.
 */
export function eventsProblemHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  if (
    error instanceof EventsError ||
    error instanceof InvalidEventPatternError ||
    error instanceof EventValidationError ||
    error instanceof TargetValidationError
  ) {
    const { status, title } = EVENTS_REST_ERROR_TABLE[error.code];
    sendProblem(res, {
      type: problemType(error.code),
      title,
      status,
      code: error.code,
      detail: error.message,
    });
    return;
  }
  if (error instanceof SqlError && error.sqlState?.startsWith("22") === true) {
    sendProblem(res, {
      type: problemType("ValidationException"),
      title: "Invalid request",
      status: 400,
      code: "ValidationException",
      detail: `The request holds text that cannot be stored (a NUL character or an unpaired UTF-16 surrogate): ${error.message}`,
    });
    return;
  }
  next(error);
}
