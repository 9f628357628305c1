import type { Router } from "express";
import { LIMITS } from "../aws/limits.ts";
import { executionView } from "./execution-view.ts";
import { historyView } from "./history-view.ts";
import { page, pageRequest } from "./pagination.ts";
import type { RestContext } from "./rest-context.ts";
import { RestFields } from "./rest-fields.ts";

/** The statuses an execution list can be filtered by. */
export const EXECUTION_STATUSES = [
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "TIMED_OUT",
  "ABORTED",
  "PENDING_REDRIVE",
] as const;

/** Executions: start, list (by state machine, optionally by status), describe, stop, redrive, history. */
export function executionRoutes(router: Router, { engine }: RestContext): void {
  router.post("/executions", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const stateMachineArn = body.string("stateMachineArn", LIMITS.arn);
    const name = body.optionalString("name", LIMITS.name);
    const input = body.optionalJson("input");
    const traceHeader = body.optionalString("traceHeader", LIMITS.traceHeader);
    body.done();
    const started = await engine.executions.start({
      stateMachineArn,
      ...(name === undefined ? {} : { name }),
      ...(input === undefined ? {} : { input }),
      ...(traceHeader === undefined ? {} : { traceHeader }),
    });
    res.status(201).json(started);
  });

  router.get("/executions", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const stateMachineArn = query.string("stateMachineArn", LIMITS.arn);
    const status = query.optionalEnum("status", EXECUTION_STATUSES);
    const request = pageRequest(query);
    query.done();
    const { executions, nextToken } = await engine.executions.list({
      stateMachineArn,
      ...(status === undefined ? {} : { statusFilter: status }),
      ...request,
    });
    res.json(page(executions, nextToken));
  });

  router.get("/executions/:arn", async (req, res) => {
    new RestFields(req.query, "query").done();
    res.json(executionView(await engine.executions.describe(req.params["arn"] ?? "")));
  });

  router.post("/executions/:arn/stop", async (req, res) => {
    const body = new RestFields(req.body, "body");
    const error = body.optionalString("error", LIMITS.error);
    const cause = body.optionalString("cause", LIMITS.cause);
    body.done();
    const stopped = await engine.executions.stop({
      executionArn: req.params["arn"] ?? "",
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    res.json(stopped);
  });

  router.post("/executions/:arn/redrive", async (req, res) => {
    new RestFields(req.body, "body").done();
    res.json(await engine.executions.redrive({ executionArn: req.params["arn"] ?? "" }));
  });

  router.get("/executions/:arn/history", async (req, res) => {
    const query = new RestFields(req.query, "query");
    const reverse = query.optionalBoolean("reverse");
    const includeData = query.optionalBoolean("includeData");
    const request = pageRequest(query);
    query.done();
    const { events, nextToken } = await engine.executions.history({
      executionArn: req.params["arn"] ?? "",
      ...request,
      ...(reverse === undefined ? {} : { reverseOrder: reverse }),
      ...(includeData === undefined ? {} : { includeExecutionData: includeData }),
    });
    res.json(page(events.map(historyView), nextToken));
  });
}
