import { EngineError, SqlError } from "@stepflow/engine";
import type { Response } from "express";
import type { Logger } from "../logger.ts";
import { REST_ERROR_TABLE } from "./rest-error-table.ts";
import { RestError } from "./rest-error.ts";

/** An RFC 9457 problem body, plus `code`: the engine's (or the REST layer's) stable error code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}

/** The problem `type` URI of an error code. */
export function problemType(code: string): string {
  return `urn:stepflow:problem:${code}`;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  404: "Not found",
  405: "Method not allowed",
  413: "Request body too large",
  500: "Internal failure",
  503: "Service unavailable",
};

function problem(status: number, code: string, detail: string, title?: string): Problem {
  return { type: problemType(code), title: title ?? TITLES[status] ?? "Error", status, code, detail };
}

/** What body-parser attaches to the errors it raises. */
interface BodyReadError {
  type: string;
  limit?: number;
}

function isBodyReadError(error: unknown): error is BodyReadError & Error {
  return error instanceof Error && typeof (error as Partial<BodyReadError>).type === "string";
}

/**
 * Maps anything thrown while answering a REST request to a problem: engine errors through the one REST
 * table, REST-layer refusals as raised, an unreachable database as 503, unreadable or too large bodies
 * as 400 / 413. Anything else is a bug: logged with its stack, answered 500 with only a request id.
 */
export function problemOf(error: unknown, log: Logger, requestId: string): Problem {
  if (error instanceof RestError) return problem(error.status, error.code, error.message);
  if (error instanceof EngineError) {
    const { status, title } = REST_ERROR_TABLE[error.code];
    return problem(status, error.code, error.message, title);
  }
  if (error instanceof SqlError && error.code === "unavailable") {
    log.warn({ requestId, err: error }, "database unavailable");
    return problem(503, "ServiceUnavailable", "The database is unavailable; retry the request later");
  }
  // Express's router raises a URIError (status 400) for a path parameter that is not valid percent-encoding.
  if (error instanceof URIError) {
    return problem(400, "ValidationException", `The path is not valid percent-encoding: ${error.message}`);
  }
  if (isBodyReadError(error)) {
    if (error.type === "entity.too.large") {
      return problem(
        413,
        "PayloadTooLarge",
        `Request body too large: the limit is ${error.limit ?? "?"} bytes`,
      );
    }
    if (error.type === "entity.parse.failed") {
      return problem(400, "SerializationException", `The request body is not valid JSON: ${error.message}`);
    }
    return problem(400, "SerializationException", `Unreadable request body: ${error.message}`);
  }
  log.error({ requestId, err: error }, "unexpected error while answering a REST request");
  return problem(
    500,
    "InternalFailure",
    `The request processing has failed because of an unknown error (request id ${requestId})`,
  );
}

/** Sends a problem as `application/problem+json` (nothing when the answer has already begun). */
export function sendProblem(res: Response, body: Problem): void {
  if (res.headersSent) return;
  res.status(body.status).type("application/problem+json").send(JSON.stringify(body));
}
