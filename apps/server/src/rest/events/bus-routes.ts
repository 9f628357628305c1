import type { EventBus, PutEventsRequestEntry } from "@stepflow/events";
import type { Router } from "express";
import { page } from "../pagination.ts";
import { RestError } from "../rest-error.ts";
import { RestFields } from "../rest-fields.ts";
import { objectValue, stringArray, timeOf } from "./body-values.ts";
import { busPageRequest } from "./bus-page-request.ts";

/**
 * Event buses (create, list, describe, delete), PutEvents on a bus (`POST /buses/{bus}/events`: 200 with
 * EventBridge's per-entry results, failed entries included) and the bus's dead letters (list, redrive).
 */
export function busRoutes(router: Router, bus: EventBus): void {
  router.post("/buses", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const name = body.string("Name", { min: 1, max: 256 });
    const description = body.optionalString("Description", { max: 512 });
    body.done();
    const created = await bus.createEventBus({
      Name: name,
      ...(description === undefined ? {} : { Description: description }),
    });
    res.status(201).json(created);
  });

  router.get("/buses", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const prefix = query.optionalString("namePrefix", { min: 1, max: 256 });
    const request = busPageRequest(query);
    query.done();
    const { EventBuses, NextToken } = await bus.listEventBuses({
      ...(prefix === undefined ? {} : { NamePrefix: prefix }),
      ...request,
    });
    res.json(page(EventBuses, NextToken));
  });

  router.get("/buses/:bus", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await bus.describeEventBus({ Name: req.params["bus"] ?? "" }));
  });

  router.delete("/buses/:bus", async (req, res) => {
    new RestFields(req.query, "query").done();
    // EventBridge's DeleteEventBus succeeds for a missing bus; a REST DELETE of a missing resource is a 404.
    await bus.describeEventBus({ Name: req.params["bus"] ?? "" });
    await bus.deleteEventBus({ Name: req.params["bus"] ?? "" });
    res.status(204).end();
  });

  router.post("/buses/:bus/events", async (req, res) => {
    const busName = req.params["bus"] ?? "";
    const body = new RestFields(req.body, "body");
    const raw = body.optionalJson("Entries");
    body.done();
    const entries = raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    if (!Array.isArray(entries)) {
      throw new RestError("ValidationException", "body field 'Entries' must be an array of 1 to 10 entries");
    }
    // A bus that does not exist is a 404 for the request, not a failed entry per event.
    await bus.describeEventBus({ Name: busName });
    res.json(
      await bus.putEvents({ Entries: entries.map((entry, index) => readEntry(entry, index, busName)) }),
    );
  });

  router.get("/buses/:bus/dead-letters", async (req, res) => {
    const busName = req.params["bus"] ?? "";
    const query = new RestFields(req.query, "query");
    const ruleArn = query.optionalString("ruleArn", { min: 1, max: 1600 });
    const request = busPageRequest(query);
    query.done();
    await bus.describeEventBus({ Name: busName });
    const { DeadLetters, NextToken } = await bus.listDeadLetters({
      EventBusName: busName,
      ...(ruleArn === undefined ? {} : { RuleArn: ruleArn }),
      ...request,
    });
    res.json(page(DeadLetters, NextToken));
  });

  router.post("/buses/:bus/dead-letters/redrive", async (req, res) => {
    const busName = req.params["bus"] ?? "";
    const body = new RestFields(req.body, "body");
    const raw = body.optionalJson("DeliveryIds");
    body.done();
    const ids = stringArray(
      raw === undefined ? undefined : (JSON.parse(raw) as unknown),
      "DeliveryIds",
      1000,
    );
    if (ids?.some((id) => !/^\d{1,18}$/.test(id)) === true) {
      throw new RestError(
        "ValidationException",
        "body field 'DeliveryIds' must hold DeliveryId values (digits)",
      );
    }
    await bus.describeEventBus({ Name: busName });
    res.json(
      await bus.redriveDeadLetters({
        EventBusName: busName,
        ...(ids === undefined ? {} : { DeliveryIds: ids }),
      }),
    );
  });
}

/** One PutEvents entry; Detail may be a JSON object or JSON text, Time ISO-8601 or epoch seconds. */
function readEntry(value: unknown, index: number, busName: string): PutEventsRequestEntry {
  const raw = objectValue(value, `Entries[${index}]`) ?? {};
  const fields = new RestFields(raw, "body");
  const source = fields.optionalString("Source", { max: 262_144 });
  const detailType = fields.optionalString("DetailType", { max: 262_144 });
  const traceHeader = fields.optionalString("TraceHeader", { min: 1, max: 500 });
  const entryBus = fields.optionalString("EventBusName", { min: 1, max: 1600 });
  const detail = fields.optionalJson("Detail", true);
  for (const name of ["Time", "Resources"]) fields.optionalJson(name);
  fields.done();
  const time = timeOf(raw["Time"], `Entries[${index}].Time`);
  const resources = stringArray(raw["Resources"], `Entries[${index}].Resources`);
  if (entryBus !== undefined && entryBus !== busName && !entryBus.endsWith(`:event-bus/${busName}`)) {
    throw new RestError(
      "ValidationException",
      `Entries[${index}].EventBusName '${entryBus}' is not the bus of the path ('${busName}'): leave it out`,
    );
  }
  return {
    EventBusName: busName,
    ...(source === undefined ? {} : { Source: source }),
    ...(detailType === undefined ? {} : { DetailType: detailType }),
    ...(detail === undefined ? {} : { Detail: detail }),
    ...(time === undefined ? {} : { Time: time }),
    ...(resources === undefined ? {} : { Resources: resources }),
    ...(traceHeader === undefined ? {} : { TraceHeader: traceHeader }),
  };
}
