import { RESULTS_STREAM, TIMERS_QUEUE, type Engine, type TaskQueue } from "@stepflow/engine";
import type { NextFunction, Request, Response } from "express";
import { countQuarantined } from "@stepflow/worker";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The Prometheus metrics of one engine and the HTTP apps in front of it. */
export interface ServerMetrics {
  registry: Registry;
  /** Express middleware timing every request into `stepflow_http_request_duration_seconds`. */
  observeRequest: (req: Request, res: Response, next: NextFunction) => void;
}

const FINAL_STATUSES = ["SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"] as const;
const byEngine = new WeakMap<Engine, ServerMetrics>();

/**
 * The metrics of `engine`, created once per engine (several apps on one engine share them, so nothing is
 * counted twice): executions started (by wrapping `executions.start` / `startSync`, whichever protocol
 * calls them) and finished by status (`engine.onCompletion`, counted by the process that ran the final
 * step), HTTP request durations, the depth of the engine's results and timers queues and the number of
 * quarantined tasks (`queue` given), and the process metrics of prom-client.
 */
export function serverMetrics(engine: Engine, queue?: TaskQueue): ServerMetrics {
  const existing = byEngine.get(engine);
  if (existing) return existing;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const started = new Counter({
    name: "stepflow_executions_started_total",
    help: "Executions started through this process",
    registers: [registry],
  });
  const finished = new Counter({
    name: "stepflow_executions_finished_total",
    help: "Executions that ended, by final status",
    labelNames: ["status"],
    registers: [registry],
  });
  for (const status of FINAL_STATUSES) finished.inc({ status }, 0);
  engine.onCompletion((_arn, command) => finished.inc({ status: command.status }));

  const start = engine.executions.start.bind(engine.executions);
  const startSync = engine.executions.startSync.bind(engine.executions);
  engine.executions.start = async (input) => {
    const result = await start(input);
    started.inc();
    return result;
  };
  engine.executions.startSync = async (input) => {
    const result = await startSync(input);
    started.inc();
    // Synchronous Express executions end inside the call, outside the completion listeners.
    finished.inc({ status: String(result["status"]) });
    return result;
  };

  const duration = new Histogram({
    name: "stepflow_http_request_duration_seconds",
    help: "HTTP request duration by method, route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });

  if (queue !== undefined) {
    new Gauge({
      name: "stepflow_queue_jobs",
      help: "Jobs of the engine's own queues, by queue and state (waiting, delayed, active)",
      labelNames: ["queue", "state"],
      registers: [registry],
      async collect() {
        const counts = await queue.counts(TIMERS_QUEUE);
        for (const [state, value] of Object.entries(counts)) this.set({ queue: TIMERS_QUEUE, state }, value);
        // Worker reports are a stream: what is appended and not yet applied counts as waiting.
        this.set({ queue: RESULTS_STREAM, state: "waiting" }, await queue.streamLength(RESULTS_STREAM));
      },
    });
    new Gauge({
      name: "stepflow_quarantined_tasks",
      help: "Tasks in the workers' quarantine (their worker died running them more than stallLimit times): alert on > 0, inspect with GET /v1/quarantine",
      registers: [registry],
      async collect() {
        this.set(await countQuarantined(queue));
      },
    });
  }

  const metrics: ServerMetrics = {
    registry,
    observeRequest: (req, res, next) => {
      const end = duration.startTimer();
      res.once("finish", () => end({ method: req.method, route: routeOf(req), status: res.statusCode }));
      next();
    },
  };
  byEngine.set(engine, metrics);
  return metrics;
}

/**
 * A bounded route label: the matched Express route pattern (`/v1/executions/:arn`), the AWS action for
 * the AWS protocol (known targets only), or `unmatched`; never the raw URL, whose ARNs would make a label
 * per resource.
 */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (req.method === "POST" && req.path === "/") {
    const target = req.get("x-amz-target");
    return target !== undefined && /^AWS[A-Za-z]+\.[A-Za-z]{1,64}$/.test(target) && knownOperation(req)
      ? target
      : "/";
  }
  if (typeof pattern === "string") return req.originalUrl.startsWith("/v1/") ? `/v1${pattern}` : pattern;
  return "unmatched";
}

// An unknown target is answered 400 UnknownOperationException: label those "/" to keep the set bounded.
function knownOperation(req: Request): boolean {
  return req.res?.statusCode !== 400 || req.res.getHeader("x-amzn-ErrorType") !== "UnknownOperationException";
}
