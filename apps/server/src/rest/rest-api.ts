import { randomUUID } from "node:crypto";
import type { Engine, TaskQueue } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "../logger.ts";
import { activityRoutes } from "./activity-routes.ts";
import { executionEventRoutes, type ExecutionEventStreamOptions } from "./execution-events.ts";
import { executionRoutes } from "./execution-routes.ts";
import { eventBusRoutes } from "./events/event-bus-routes.ts";
import { OPENAPI_DOCUMENT, OPENAPI_DOCUMENT_WITH_EVENTS } from "./openapi.ts";
import { problemOf, sendProblem } from "./problem.ts";
import { quarantineRoutes } from "./quarantine-routes.ts";
import { RestError } from "./rest-error.ts";
import { stateMachineRoutes } from "./state-machine-routes.ts";
import { taskRoutes } from "./task-routes.ts";

/** Options of {@link restApi}. */
export interface RestApiOptions {
  engine: Engine;
  log: Logger;
  /** JSON body limit in bytes (default 2 MiB: a 1 MiB definition and its escapes). */
  bodyLimit?: number;
  events?: ExecutionEventStreamOptions;
  /** The event bus: its /v1 routes (buses, rules, archives, ...) are served only when given. */
  bus?: EventBus;
  /** The task queue, whose quarantine `/quarantine` lists (404 on those routes without one). */
  queue?: TaskQueue;
}

/**
 * The REST API as an Express router, to mount at `/v1`: state machines, executions (with history and
 * an SSE event stream), task callbacks, activities, the workers' quarantine, the event bus when one is
 * given, and its OpenAPI 3.1
 * document at `/openapi.json`.
 * Every error is an RFC 9457 problem (`application/problem+json`) with the engine's error `code`.
 *
 * @example
 * app.use("/v1", restApi({ engine, log }));
 */
export function restApi(options: RestApiOptions): express.Router {
  const router = express.Router();
  const context = { engine: options.engine, log: options.log };
  router.use(express.json({ limit: options.bodyLimit ?? 2 * 1024 * 1024, type: () => true, strict: false }));
  // An ARN or token is matched against database rows: refuse what no stored one can be (PostgreSQL also
  // rejects NUL in text outright) before it reaches the engine.
  for (const name of ["arn", "token"]) {
    router.param(name, (_req, _res, next, value: string) => {
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (value.length === 0 || value.length > 2048 || /[\u0000-\u001f\u007f]/.test(value)) {
        throw new RestError(
          name === "arn" ? "InvalidArn" : "InvalidToken",
          `Invalid ${name === "arn" ? "ARN" : "task token"}: 1-2048 characters without control characters`,
        );
      }
      next();
    });
  }
  router.get("/openapi.json", (_req, res) => {
    res.json(options.bus === undefined ? OPENAPI_DOCUMENT : OPENAPI_DOCUMENT_WITH_EVENTS);
  });
  stateMachineRoutes(router, context);
  executionRoutes(router, context);
  executionEventRoutes(router, context, options.events);
  taskRoutes(router, context);
  activityRoutes(router, context);
  quarantineRoutes(router, options.queue);
  if (options.bus !== undefined) eventBusRoutes(router, options.bus);
  router.use((req: Request) => {
    throw new RestError("NotFound", `No route ${req.method} /v1${req.path}: see /v1/openapi.json`, 404);
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // The rest of an unread body cannot be skipped: close the connection after answering.
    if ((error as { type?: unknown }).type === "entity.too.large") res.set("Connection", "close");
    sendProblem(res, problemOf(error, options.log, randomUUID()));
  });
  return router;
}
