import type { TaskQueue } from "@stepflow/engine";
import { countQuarantined, dropQuarantined, findQuarantined, listQuarantined } from "@stepflow/worker";
import type { Router } from "express";
import { MAX_RESULTS } from "../aws/limits.ts";
import { RestError } from "./rest-error.ts";
import { RestFields } from "./rest-fields.ts";

/**
 * The workers' quarantine (`stepflow-quarantine`): tasks whose worker process died running them more than
 * `stallLimit` times. Their Task already failed (`Lambda.Unknown` / `States.TaskFailed`), so there is no
 * "retry this job": an operator inspects an entry, drops it, and redrives the execution
 * (`POST /executions/{arn}/redrive`) when it should run the state again. The job is never put back on its
 * task queue: its token is one the engine no longer waits for, so the handler would run (side effects and
 * all, maybe crashing workers again) for a result that is thrown away.
 *
 * `GET /quarantine` pages with `limit` and `cursor` like other lists; the cursor is a position, so
 * entries dropped meanwhile shift the next page (an entry may be skipped, none is shown twice as new).
 */
export function quarantineRoutes(router: Router, queue: TaskQueue | undefined): void {
  const quarantine = (): TaskQueue => {
    if (queue === undefined) {
      throw new RestError("NotFound", "This server has no task queue, so no task is quarantined", 404);
    }
    return queue;
  };

  router.get("/quarantine", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const limit = query.optionalInteger("limit", 1, MAX_RESULTS[1]) ?? 100;
    const cursor = query.optionalString("cursor", { min: 1, max: 16 });
    query.done();
    if (cursor !== undefined && !/^(0|[1-9]\d{0,14})$/.test(cursor)) {
      throw new RestError("ValidationException", "cursor: not a cursor this API returned");
    }
    const offset = cursor === undefined ? 0 : Number(cursor);
    const from = quarantine();
    const [items, total] = await Promise.all([
      listQuarantined(from, { offset, limit }),
      countQuarantined(from),
    ]);
    const next = offset + items.length;
    res.json({
      items,
      total,
      ...(items.length === limit && next < total ? { nextCursor: String(next) } : {}),
    });
  });

  router.get("/quarantine/:token", async (req, res) => {
    new RestFields(req.query, "query").done();
    const found = await findQuarantined(quarantine(), req.params["token"] ?? "");
    if (found === undefined) throw notQuarantined(req.params["token"] ?? "");
    res.json(found);
  });

  router.delete("/quarantine/:token", async (req, res) => {
    new RestFields(req.query, "query").done();
    const dropped = await dropQuarantined(quarantine(), req.params["token"] ?? "");
    if (dropped === undefined) throw notQuarantined(req.params["token"] ?? "");
    res.status(204).end();
  });
}

function notQuarantined(token: string): RestError {
  return new RestError(
    "QuarantinedTaskDoesNotExist",
    `No quarantined task has the token ${JSON.stringify(token)}: see GET /v1/quarantine`,
    404,
  );
}
