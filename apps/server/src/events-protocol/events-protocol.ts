import { randomUUID } from "node:crypto";
import type { EventBus } from "@stepflow/events";
import express, { type NextFunction, type Request, type Response } from "express";
import { wireJson } from "../aws/wire-json.ts";
import { AwsError } from "../errors/aws-error.ts";
import type { WireErrorBody } from "../errors/wire-error-of.ts";
import type { Logger } from "../logger.ts";
import { authenticateRequest } from "../security/authenticate-request.ts";
import type { SigV4Verifier } from "../security/sigv4-verifier.ts";
import { EVENTS_ACTIONS } from "./events-actions.ts";
import { EVENTS_REQUEST_SHAPES } from "./events-request-shapes.ts";
import { eventsWireErrorOf } from "./events-wire-error-of.ts";
import { readShape } from "./wire-shape.ts";

// One decoder for every request: without `stream`, each decode starts afresh (also after a throw).
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Options of {@link eventsProtocol}. */
export interface EventsProtocolOptions {
  bus: EventBus;
  log: Logger;
  /** Request body limit in bytes. */
  bodyLimit: number;
  /** Checks each request's SigV4 signature (signing name `events`) over the raw body; absent: no check. */
  verify?: SigV4Verifier;
}

const CONTENT_TYPE = "application/x-amz-json-1.1";
const PREFIX = "AWSEvents.";

/**
 * The EventBridge AWS JSON 1.1 protocol as an Express router on `POST /`: `X-Amz-Target:
 * AWSEvents.<Action>` picks the action, the body is read against the action's request shape
 * (SerializationException for a wrong JSON type, one ValidationException listing every violated
 * constraint), the {@link EventBus} method answers, Dates go out as epoch seconds. Errors are
 * `{"__type", "message"}` with the `x-amzn-ErrorType` header. Requests for another service's target fall
 * through to the next router, so it shares `POST /` with the Step Functions protocol.
 */
export function eventsProtocol(options: EventsProtocolOptions): express.Router {
  const router = express.Router();
  // No inflating: AWS JSON services take no compressed bodies, and SigV4 signs the bytes as sent.
  const readBody = express.raw({ type: () => true, limit: options.bodyLimit, inflate: false });

  router.post("/", (req, res, next) => {
    const target = req.get("x-amz-target");
    if (target === undefined || !target.startsWith(PREFIX)) {
      next();
      return;
    }
    const requestId = randomUUID();
    res.set("x-amzn-RequestId", requestId);
    const fail = (error: unknown) => sendError(res, eventsWireErrorOf(error, options.log, requestId));
    readBody(req, res, (bodyError?: unknown) => {
      if (bodyError !== undefined) {
        // The rest of the body was not read: the connection cannot carry another request.
        res.set("Connection", "close");
        fail(bodyError);
        return;
      }
      authenticateRequest(req, options.verify)
        .then(() => answer(target.slice(PREFIX.length), req.body, options.bus))
        .then((body) => res.status(200).type(CONTENT_TYPE).send(wireJson(body)), fail);
    });
  });

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent || !(req.get("x-amz-target") ?? "").startsWith(PREFIX)) {
      next(error);
      return;
    }
    sendError(res, eventsWireErrorOf(error, options.log, randomUUID()));
  });
  return router;
}

async function answer(name: string, body: unknown, bus: EventBus): Promise<object> {
  const action = EVENTS_ACTIONS.get(name);
  const shape = EVENTS_REQUEST_SHAPES[name];
  if (action === undefined || shape === undefined || !Object.hasOwn(EVENTS_REQUEST_SHAPES, name)) {
    throw new AwsError("UnknownOperationException", `Unknown operation: '${PREFIX}${name}'`);
  }
  const request = readShape(shape, parseBody(body));
  return action(bus, request as never);
}

function parseBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AwsError(
      "SerializationException",
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

function sendError(res: Response, error: WireErrorBody): void {
  if (res.headersSent) return;
  res
    .status(error.status)
    .set("x-amzn-ErrorType", error.type)
    .type(CONTENT_TYPE)
    .send(JSON.stringify({ __type: error.type, message: error.message }));
}
