import type { Router } from "express";
import { LIMITS } from "../aws/limits.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

/**
 * Task callbacks by token (`.waitForTaskToken` tasks and activity tasks): success with an output JSON
 * value, failure with error and cause, heartbeat. Each answers 204.
 */
export function taskRoutes(router: Router, { engine }: RestContext): void {
  router.post("/tasks/:token/success", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const output = body.optionalJson("output") ?? "null";
    body.done();
    await engine.tasks.sendTaskSuccess({ taskToken: req.params["token"] ?? "", output });
    res.status(204).end();
  });

  router.post("/tasks/:token/failure", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const error = body.optionalString("error", LIMITS.error);
    const cause = body.optionalString("cause", LIMITS.cause);
    body.done();
    await engine.tasks.sendTaskFailure({
      taskToken: req.params["token"] ?? "",
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    res.status(204).end();
  });

  router.post("/tasks/:token/heartbeat", async (req, res) => {
    new RestFields(req.body, "body").done();
    await engine.tasks.sendTaskHeartbeat({ taskToken: req.params["token"] ?? "" });
    res.status(204).end();
  });
}
