import type { EventBus, PutRuleInput } from "@stepflow/events";
import type { Router } from "express";
import { page } from "../pagination.ts";
import { RestError } from "../rest-error.ts";
import { RestFields } from "../rest-fields.ts";
import { stringArray } from "./body-values.ts";
import { busPageRequest } from "./bus-page-request.ts";
import { readTargets } from "./read-targets.ts";

const STATES = ["ENABLED", "DISABLED"] as const;

/** The members of a rule a create or update body may set; EventPattern as a JSON object or JSON text. */
function ruleFields(body: RestFields): Omit<PutRuleInput, "Name" | "EventBusName"> {
  const pattern = body.optionalJson("EventPattern", true);
  const schedule = body.optionalString("ScheduleExpression", { min: 1, max: 256 });
  const state = body.optionalEnum("State", STATES);
  const description = body.optionalString("Description", { max: 512 });
  const roleArn = body.optionalString("RoleArn", { min: 1, max: 1600 });
  return {
    ...(pattern === undefined ? {} : { EventPattern: pattern }),
    ...(schedule === undefined ? {} : { ScheduleExpression: schedule }),
    ...(state === undefined ? {} : { State: state }),
    ...(description === undefined ? {} : { Description: description }),
    ...(roleArn === undefined ? {} : { RoleArn: roleArn }),
  };
}

/**
 * Rules of a bus (create, list, describe, update, delete, enable, disable) and their targets (list, put,
 * remove). PutRule is an upsert; here create answers 409 for an existing rule and update 404 for a missing
 * one, and an update keeps the members it does not name.
 */
export function ruleRoutes(router: Router, bus: EventBus): void {
  const ref = (params: Record<string, string | undefined>) => ({
    Name: params["rule"] ?? "",
    EventBusName: params["bus"] ?? "",
  });

  router.post("/buses/:bus/rules", async (req, res) => {
    const EventBusName = req.params["bus"] ?? "";
    const body = new RestFields(req.body, "body");
    const Name = body.string("Name", { min: 1, max: 64 });
    const fields = ruleFields(body);
    body.done();
    const existing = await bus.describeRule({ Name, EventBusName }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === "ResourceNotFoundException") return undefined;
      throw error;
    });
    if (existing !== undefined) {
      throw new RestError(
        "ResourceAlreadyExistsException",
        `Rule ${Name} already exists on EventBus ${existing.EventBusName}: change it with PATCH /buses/{bus}/rules/{rule}`,
        409,
      );
    }
    res.status(201).json(await bus.putRule({ Name, EventBusName, ...fields }));
  });

  router.get("/buses/:bus/rules", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const prefix = query.optionalString("namePrefix", { min: 1, max: 64 });
    const request = busPageRequest(query);
    query.done();
    const { Rules, NextToken } = await bus.listRules({
      EventBusName: req.params["bus"] ?? "",
      ...(prefix === undefined ? {} : { NamePrefix: prefix }),
      ...request,
    });
    res.json(page(Rules, NextToken));
  });

  router.get("/buses/:bus/rules/:rule", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await bus.describeRule(ref(req.params)));
  });

  router.patch("/buses/:bus/rules/:rule", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const fields = ruleFields(body);
    body.done();
    const current = await bus.describeRule(ref(req.params));
    const { Name, EventBusName, EventPattern, ScheduleExpression, State, Description, RoleArn } = current;
    res.json(
      await bus.putRule({
        Name,
        EventBusName,
        ...(EventPattern === undefined ? {} : { EventPattern }),
        ...(ScheduleExpression === undefined ? {} : { ScheduleExpression }),
        State: State === "DISABLED" ? "DISABLED" : "ENABLED",
        ...(Description === undefined ? {} : { Description }),
        ...(RoleArn === undefined ? {} : { RoleArn }),
        ...fields,
      }),
    );
  });

  router.delete("/buses/:bus/rules/:rule", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const force = query.optionalBoolean("force");
    query.done();
    // DeleteRule succeeds for a missing rule on EventBridge; a REST DELETE of a missing resource is a 404.
    await bus.describeRule(ref(req.params));
    await bus.deleteRule({ ...ref(req.params), ...(force === undefined ? {} : { Force: force }) });
    res.status(204).end();
  });

  for (const action of ["enable", "disable"] as const) {
    router.post(`/buses/:bus/rules/:rule/${action}`, async (req, res) => {
      new RestFields(req.body, "body").done();
      if (action === "enable") await bus.enableRule(ref(req.params));
      else await bus.disableRule(ref(req.params));
      res.json(await bus.describeRule(ref(req.params)));
    });
  }

  router.get("/buses/:bus/rules/:rule/targets", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const request = busPageRequest(query);
    query.done();
    const { Name, EventBusName } = ref(req.params);
    const { Targets, NextToken } = await bus.listTargetsByRule({ Rule: Name, EventBusName, ...request });
    res.json(page(Targets, NextToken));
  });

  router.post("/buses/:bus/rules/:rule/targets", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const raw = body.optionalJson("Targets");
    body.done();
    const targets = readTargets(raw === undefined ? undefined : (JSON.parse(raw) as unknown));
    const { Name, EventBusName } = ref(req.params);
    res.json(await bus.putTargets({ Rule: Name, EventBusName, Targets: targets }));
  });

  router.post("/buses/:bus/rules/:rule/targets/remove", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const raw = body.optionalJson("Ids");
    const force = body.optionalBoolean("Force");
    body.done();
    const ids = stringArray(raw === undefined ? undefined : (JSON.parse(raw) as unknown), "Ids");
    if (ids === undefined || ids.length === 0) {
      throw new RestError("ValidationException", "body field 'Ids' must be an array of 1 to 100 target ids");
    }
    const { Name, EventBusName } = ref(req.params);
    res.json(
      await bus.removeTargets({
        Rule: Name,
        EventBusName,
        Ids: ids,
        ...(force === undefined ? {} : { Force: force }),
      }),
    );
  });

  router.delete("/buses/:bus/rules/:rule/targets/:target", async (req, res) => {
    new RestFields(req.query, "query").done();
    const { Name, EventBusName } = ref(req.params);
    await bus.removeTargets({ Rule: Name, EventBusName, Ids: [req.params["target"] ?? ""] });
    res.status(204).end();
  });
}
