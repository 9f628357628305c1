import { randomUUID } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import { AwsError } from "../errors/aws-error.ts";
import { wireErrorOf } from "../errors/wire-error-of.ts";
import type { Logger } from "../logger.ts";
import type { Engine } from "@stepflow/engine";
import { authenticateRequest } from "../security/authenticate-request.ts";
import type { SigV4Verifier } from "../security/sigv4-verifier.ts";
import type { Action } from "./action.ts";
import { dataExceptionOf } from "./data-exception.ts";
import { RequestFields } from "./request-fields.ts";
import { wireJson } from "./wire-json.ts";

// One decoder for every request: without `stream`, each decode starts afresh (also after a throw).
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Options of {@link awsJsonProtocol}. */
export interface AwsJsonProtocolOptions {
  /** `X-Amz-Target` prefix, e.g. `AWSStepFunctions`. */
  service: string;
  actions: ReadonlyMap<string, Action>;
  engine: Engine;
  log: Logger;
  /** Request body limit in bytes. */
  bodyLimit: number;
  /** Checks each request's SigV4 signature over the raw body; absent: no verification (dev mode). */
  verify?: SigV4Verifier;
}

const CONTENT_TYPE = "application/x-amz-json-1.0";

/**
 * The AWS JSON 1.0 protocol as an Express router on `POST /`: `X-Amz-Target: <service>.<Action>` picks
 * the action, the body is the request structure, the answer is the response structure or an AWS error
 * (`{"__type", "message"}` plus the `x-amzn-ErrorType` header). Requests for another service's target
 * fall through to the next router, so several protocols can share `POST /`.
 */
export function awsJsonProtocol(options: AwsJsonProtocolOptions): express.Router {
  const router = express.Router();
  const prefix = `${options.service}.`;
  // No inflating: AWS JSON services take no compressed bodies, and SigV4 signs the bytes as sent.
  const readBody = express.raw({ type: () => true, limit: options.bodyLimit, inflate: false });

  router.post("/", (req, res, next) => {
    const target = req.get("x-amz-target");
    if (target !== undefined && !target.startsWith(prefix)) {
      next();
      return;
    }
    const requestId = randomUUID();
    res.set("x-amzn-RequestId", requestId);
    const fail = (error: unknown) => sendError(res, wireErrorOf(error, options.log, requestId));
    readBody(req, res, (bodyError?: unknown) => {
      if (bodyError !== undefined) {
        // The rest of the body was not read: the connection cannot carry another request.
        res.set("Connection", "close");
        fail(bodyError);
        return;
      }
      authenticateRequest(req, options.verify)
        .then(() => answer(req, res, target, prefix, options))
        .then((body) => send(res, 200, wireJson(body)), fail);
    });
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    sendError(res, wireErrorOf(error, options.log, randomUUID()));
  });
  return router;
}

async function answer(
  req: Request,
  res: Response,
  target: string | undefined,
  prefix: string,
  options: AwsJsonProtocolOptions,
): Promise<object> {
  const name = target?.slice(prefix.length);
  const action = name === undefined ? undefined : options.actions.get(name);
  if (action === undefined) {
    throw new AwsError(
      "UnknownOperationException",
      target === undefined ? "Missing X-Amz-Target header" : `Unknown operation: '${target}'`,
    );
  }
  let signal: AbortSignal | undefined;
  try {
    return await action(new RequestFields(parseBody(req.body)), {
      engine: options.engine,
      // Made on first use: only long polls read it, and an AbortController with its close listener on
      // every request was a measurable part of StartExecution's CPU.
      get signal() {
        return (signal ??= hangUpSignal(res));
      },
    });
  } catch (error) {
    throw dataExceptionOf(error, name ?? "") ?? error;
  }
}

/** Aborted when the client goes away before the answer is sent (already, or later). */
function hangUpSignal(res: Response): AbortSignal {
  const hangUp = new AbortController();
  // Only a client that leaves before the answer aborts: an AbortSignal's DOMException is costly.
  const left = () => !res.writableFinished && (res.socket === null || res.socket.destroyed);
  if (left()) hangUp.abort();
  else
    res.on("close", () => {
      if (!res.writableFinished) hangUp.abort();
    });
  return hangUp.signal;
}

function parseBody(body: unknown): Record<string, unknown> {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid UTF-8");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AwsError(
      "SerializationException",
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AwsError("SerializationException", "The request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

function sendError(res: Response, error: { status: number; type: string; message: string }): void {
  if (res.headersSent) return;
  res.setHeader("x-amzn-ErrorType", error.type);
  send(res, error.status, JSON.stringify({ __type: error.type, message: error.message }));
}

/** Writes the answer directly: AWS sends no ETag, and Express's `send` would hash every body for one. */
function send(res: Response, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", CONTENT_TYPE);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}
