import type { Router } from "express";
import { LIMITS } from "../aws/limits.ts";
import { MAX_ACTIVITY_POLL_MS } from "@stepflow/engine";
import { page, pageRequest } from "./pagination.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

/**
 * Activities: create (idempotent on the name), list, describe, delete, and the task long poll:
 * `POST /activities/{arn}/task` waits up to `waitSeconds` (default and maximum 60) for a task and answers
 * 200 `{ taskToken, input }` (input as a JSON value), or 204 when none arrived or the client hung up.
 */
export function activityRoutes(router: Router, { engine }: RestContext): void {
  router.post("/activities", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const name = body.string("name", LIMITS.name);
    body.done();
    res.status(201).json(await engine.activities.create({ name }));
  });

  router.get("/activities", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const request = pageRequest(query);
    query.done();
    const { activities, nextToken } = await engine.activities.list(request);
    res.json(page(activities, nextToken));
  });

  router.get("/activities/:arn", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(await engine.activities.describe(req.params["arn"] ?? ""));
  });

  router.delete("/activities/:arn", async (req, res) => {
    new RestFields(req.query, "query").done();
    await engine.activities.delete(req.params["arn"] ?? "");
    res.status(204).end();
  });

  router.post("/activities/:arn/task", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const workerName = body.optionalString("workerName", { min: 1, max: 80 });
    const waitSeconds = body.optionalInteger("waitSeconds", 0, MAX_ACTIVITY_POLL_MS / 1000);
    body.done();
    const hangUp = new AbortController();
    res.on("close", () => hangUp.abort());
    const task = await engine.activities.getActivityTask(
      { activityArn: req.params["arn"] ?? "", ...(workerName === undefined ? {} : { workerName }) },
      { waitMs: (waitSeconds ?? MAX_ACTIVITY_POLL_MS / 1000) * 1000, signal: hangUp.signal },
    );
    if (task.taskToken === undefined) {
      res.status(204).end();
      return;
    }
    res.json({ taskToken: task.taskToken, input: JSON.parse(task.input ?? "null") as unknown });
  });
}
