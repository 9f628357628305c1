import type { EventBus } from "@stepflow/events";
import type { Router } from "express";
import { RestError } from "../rest-error.ts";
import { archiveRoutes } from "./archive-routes.ts";
import { busRoutes } from "./bus-routes.ts";
import { eventPatternRoutes } from "./event-pattern-routes.ts";
import { eventsProblemHandler } from "./events-problem-handler.ts";
import { ruleRoutes } from "./rule-routes.ts";

const NAMES = ["bus", "rule", "target", "archive", "replay"] as const;

/**
 * The event bus on the REST router: buses, PutEvents, rules and their targets, archives, replays, dead
 * letters and TestEventPattern, then the handler that answers the bus's errors as problems (register
 * before the router's catch-all). Names in paths keep EventBridge's spelling; bodies use its member names.
 */
export function eventBusRoutes(router: Router, bus: EventBus): void {
  // A name is matched against database rows: refuse what no stored one can be before it reaches SQL
  // (PostgreSQL rejects NUL in text outright).
  for (const name of NAMES) {
    router.param(name, (_req, _res, next, value: string) => {
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
      if (value.length === 0 || value.length > 1600 || /[\u0000-\u001f\u007f]/.test(value)) {
        throw new RestError(
          "ValidationException",
          `Invalid ${name} name in the path: 1-1600 characters without control characters`,
        );
      }
      next();
    });
  }
  busRoutes(router, bus);
  ruleRoutes(router, bus);
  archiveRoutes(router, bus);
  eventPatternRoutes(router);
  router.use(eventsProblemHandler);
}
