import type { Router } from "express";
import { testEventPattern } from "../../events-protocol/test-event-pattern.ts";
import { RestError } from "../rest-error.ts";
import { RestFields } from "../rest-fields.ts";

/**
 * `POST /event-patterns/test`: TestEventPattern. EventPattern and Event may each be a JSON object or JSON
 * text; a bad pattern is a 400 InvalidEventPatternException with event-ruler's message, a bad event a 400
 * ValidationException, as EventBridge reports them.
 */
export function eventPatternRoutes(router: Router): void {
  router.post("/event-patterns/test", (req, res) => {
    const body = new RestFields(req.body, "body");
    const pattern = body.optionalJson("EventPattern", true);
    const event = body.optionalJson("Event", true);
    body.done();
    if (pattern === undefined || event === undefined) {
      throw new RestError("ValidationException", "body fields 'EventPattern' and 'Event' are required");
    }
    res.json(testEventPattern({ EventPattern: pattern, Event: event }));
  });
}
