import type { Router } from "express";
import { LIMITS } from "../aws/limits.ts";
import { page, pageRequest } from "./pagination.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

const TYPES = ["STANDARD", "EXPRESS"] as const;

/**
 * State machines and their versions: create, list, describe (a version ARN describes that version),
 * update, delete (a version ARN deletes that version), publish and list versions.
 */
export function stateMachineRoutes(router: Router, { engine }: RestContext): void {
  const account = engine.arns.stateMachine("x").split(":")[4] ?? "123456789012";
  const defaultRole = `arn:aws:iam::${account}:role/stepflow`;

  router.post("/state-machines", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const name = body.string("name", LIMITS.name);
    const definition = body.optionalJson("definition", true);
    const roleArn = body.optionalString("roleArn", LIMITS.arn) ?? defaultRole;
    const type = body.optionalEnum("type", TYPES);
    const publish = body.optionalBoolean("publish");
    const versionDescription = body.optionalString("versionDescription", LIMITS.description);
    body.done();
    const created = await engine.stateMachines.create({
      name,
      definition: definition ?? "",
      roleArn,
      ...(type === undefined ? {} : { type }),
      ...(publish === undefined ? {} : { publish }),
      ...(versionDescription === undefined ? {} : { versionDescription }),
    });
    res.status(201).json(created);
  });

  router.get("/state-machines", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const request = pageRequest(query);
    query.done();
    const { stateMachines, nextToken } = await engine.stateMachines.list(request);
    res.json(page(stateMachines, nextToken));
  });

  router.get("/state-machines/:arn", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await engine.stateMachines.describe(req.params["arn"] ?? ""));
  });

  router.patch("/state-machines/:arn", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const definition = body.optionalJson("definition", true);
    const roleArn = body.optionalString("roleArn", LIMITS.arn);
    const publish = body.optionalBoolean("publish");
    const versionDescription = body.optionalString("versionDescription", LIMITS.description);
    body.done();
    const updated = await engine.stateMachines.update({
      stateMachineArn: req.params["arn"] ?? "",
      ...(definition === undefined ? {} : { definition }),
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(publish === undefined ? {} : { publish }),
      ...(versionDescription === undefined ? {} : { versionDescription }),
    });
    res.json(updated);
  });

  router.delete("/state-machines/:arn", async (req, res) => {
    new RestFields(req.query, "query").done();
    const arn = req.params["arn"] ?? "";
    const qualifier = /:stateMachine:[^:]+:(\d+)$/.exec(arn);
    if (qualifier) await engine.stateMachines.deleteVersion(arn);
    else await engine.stateMachines.delete(arn);
    res.status(204).end();
  });

  router.post("/state-machines/:arn/versions", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const description = body.optionalString("description", LIMITS.description);
    const revisionId = body.optionalString("revisionId", LIMITS.revisionId);
    body.done();
    const published = await engine.stateMachines.publishVersion({
      stateMachineArn: req.params["arn"] ?? "",
      ...(description === undefined ? {} : { description }),
      ...(revisionId === undefined ? {} : { revisionId }),
    });
    res.status(201).json(published);
  });

  router.get("/state-machines/:arn/versions", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const request = pageRequest(query);
    query.done();
    const { stateMachineVersions, nextToken } = await engine.stateMachines.listVersions({
      stateMachineArn: req.params["arn"] ?? "",
      ...request,
    });
    res.json(page(stateMachineVersions, nextToken));
  });
}
