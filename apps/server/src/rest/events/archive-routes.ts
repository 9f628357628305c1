import type { EventBus } from "@stepflow/events";
import type { Router } from "express";
import { page } from "../pagination.ts";
import { RestError } from "../rest-error.ts";
import { RestFields } from "../rest-fields.ts";
import { objectValue, stringArray, timeOf } from "./body-values.ts";
import { busPageRequest } from "./bus-page-request.ts";

const ARN = { min: 1, max: 1600 };
const REPLAY_STATES = ["STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"] as const;

/**
 * Archives (create, list, describe, delete) and replays (start, list, describe, cancel). EventSourceArn of
 * an archive is a bus name or ARN; a replay's is the archive ARN, as on EventBridge.
 */
export function archiveRoutes(router: Router, bus: EventBus): void {
  router.post("/archives", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const name = body.string("ArchiveName", { min: 1, max: 48 });
    const source = body.string("EventSourceArn", ARN);
    const description = body.optionalString("Description", { max: 512 });
    const pattern = body.optionalJson("EventPattern", true);
    const retention = body.optionalInteger("RetentionDays", 0, 2_147_483_647);
    body.done();
    const created = await bus.createArchive({
      ArchiveName: name,
      EventSourceArn: source,
      ...(description === undefined ? {} : { Description: description }),
      ...(pattern === undefined ? {} : { EventPattern: pattern }),
      ...(retention === undefined ? {} : { RetentionDays: retention }),
    });
    res.status(201).json(created);
  });

  router.get("/archives", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const prefix = query.optionalString("namePrefix", { min: 1, max: 48 });
    const source = query.optionalString("eventSourceArn", ARN);
    const request = busPageRequest(query);
    query.done();
    const { Archives, NextToken } = await bus.listArchives({
      ...(prefix === undefined ? {} : { NamePrefix: prefix }),
      ...(source === undefined ? {} : { EventSourceArn: source }),
      ...request,
    });
    res.json(page(Archives, NextToken));
  });

  router.get("/archives/:archive", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await bus.describeArchive({ ArchiveName: req.params["archive"] ?? "" }));
  });

  router.delete("/archives/:archive", async (req, res) => {
    new RestFields(req.query, "query").done();
    await bus.deleteArchive({ ArchiveName: req.params["archive"] ?? "" });
    res.status(204).end();
  });

  router.post("/replays", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const name = body.string("ReplayName", { min: 1, max: 64 });
    const description = body.optionalString("Description", { max: 512 });
    const source = body.string("EventSourceArn", ARN);
    for (const field of ["EventStartTime", "EventEndTime", "Destination"]) body.optionalJson(field);
    body.done();
    const raw = req.body as Record<string, unknown>;
    if (
      raw["EventStartTime"] === undefined ||
      raw["EventEndTime"] === undefined ||
      raw["Destination"] === undefined
    ) {
      throw new RestError(
        "ValidationException",
        "body fields 'EventStartTime', 'EventEndTime' and 'Destination' are required",
      );
    }
    const start = timeOf(raw["EventStartTime"], "EventStartTime") ?? new Date(Number.NaN);
    const end = timeOf(raw["EventEndTime"], "EventEndTime") ?? new Date(Number.NaN);
    const destinationObject = objectValue(raw["Destination"], "Destination") ?? {};
    const destination = new RestFields(destinationObject, "body");
    const destinationArn = destination.string("Arn", ARN);
    destination.optionalJson("FilterArns");
    destination.done();
    const filters = stringArray(destinationObject["FilterArns"], "Destination.FilterArns");
    const started = await bus.startReplay({
      ReplayName: name,
      EventSourceArn: source,
      EventStartTime: start,
      EventEndTime: end,
      Destination: { Arn: destinationArn, ...(filters === undefined ? {} : { FilterArns: filters }) },
      ...(description === undefined ? {} : { Description: description }),
    });
    res.status(201).json(started);
  });

  router.get("/replays", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const prefix = query.optionalString("namePrefix", { min: 1, max: 64 });
    const state = query.optionalEnum("state", REPLAY_STATES);
    const source = query.optionalString("eventSourceArn", ARN);
    const request = busPageRequest(query);
    query.done();
    const { Replays, NextToken } = await bus.listReplays({
      ...(prefix === undefined ? {} : { NamePrefix: prefix }),
      ...(state === undefined ? {} : { State: state }),
      ...(source === undefined ? {} : { EventSourceArn: source }),
      ...request,
    });
    res.json(page(Replays, NextToken));
  });

  router.get("/replays/:replay", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await bus.describeReplay({ ReplayName: req.params["replay"] ?? "" }));
  });

  router.post("/replays/:replay/cancel", async (req, res) => {
    new RestFields(req.body, "body").done();
    res.json(await bus.cancelReplay({ ReplayName: req.params["replay"] ?? "" }));
  });
}
