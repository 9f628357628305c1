import { EngineError, SqlError } from "@stepflow/engine";
import type { Logger } from "../logger.ts";
import { AwsError } from "./aws-error.ts";
import { ENGINE_ERROR_TABLE } from "./engine-error-table.ts";

/** An error as it goes on the wire: HTTP status, AWS `__type` and a message (never a stack trace). */
export interface WireErrorBody {
  status: number;
  type: string;
  message: string;
}

/** What body-parser / raw-body attach to the errors they raise. */
interface BodyReadError {
  type: string;
  status?: number;
  limit?: number;
}

function isBodyReadError(error: unknown): error is BodyReadError & Error {
  return error instanceof Error && typeof (error as Partial<BodyReadError>).type === "string";
}

/**
 * Maps anything thrown while answering a request to its wire form: engine errors through the one table,
 * protocol errors as raised, an unreachable database as ServiceUnavailable (503, retried by the SDKs),
 * unreadable bodies as SerializationException, too large ones as ValidationException (413). Anything
 * else is a bug: logged with its stack, answered as InternalFailure (500) without details.
 */
export function wireErrorOf(error: unknown, log: Logger, requestId: string): WireErrorBody {
  if (error instanceof AwsError) return { status: error.status, type: error.type, message: error.message };
  if (error instanceof EngineError) return { ...ENGINE_ERROR_TABLE[error.code], message: error.message };
  if (error instanceof SqlError && error.code === "unavailable") {
    log.warn({ requestId, err: error }, "database unavailable");
    return {
      status: 503,
      type: "ServiceUnavailable",
      message: "The database is unavailable; retry the request later",
    };
  }
  if (isBodyReadError(error)) {
    if (error.type === "entity.too.large") {
      return {
        status: 413,
        type: "ValidationException",
        message: `Request body too large: the limit is ${error.limit ?? "?"} bytes`,
      };
    }
    if (error.type === "request.aborted")
      return { status: 400, type: "SerializationException", message: "Request aborted" };
    return {
      status: 400,
      type: "SerializationException",
      message: `Unreadable request body: ${error.message}`,
    };
  }
  log.error({ requestId, err: error }, "unexpected error while answering a request");
  return {
    status: 500,
    type: "InternalFailure",
    message: `The request processing has failed because of an unknown error (request id ${requestId})`,
  };
}
