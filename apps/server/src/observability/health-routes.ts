import { TIMERS_QUEUE, type Engine, type SqlClient, type TaskQueue } from "@stepflow/engine";
import express from "express";
import type { Logger } from "../logger.ts";
import type { ServerMetrics } from "./server-metrics.ts";

/** Options of {@link healthRoutes}. */
export interface HealthOptions {
  engine: Engine;
  metrics: ServerMetrics;
  log: Logger;
  /** Checked with `SELECT 1`; without it, readiness reads one state machine through the engine. */
  sql?: SqlClient;
  /** Checked by counting the engine's results queue (one round trip to Redis for BullMQ). */
  queue?: TaskQueue;
  /** How long one readiness check may take (default 2 s). */
  checkTimeoutMs?: number;
}

/**
 * `/healthz` (the process answers), `/readyz` (PostgreSQL answers `SELECT 1` and the queue answers;
 * 503 with the failing check otherwise) and `/metrics` (Prometheus text format).
 */
export function healthRoutes(options: HealthOptions): express.Router {
  const router = express.Router();
  const timeoutMs = options.checkTimeoutMs ?? 2_000;

  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  router.get("/readyz", async (_req, res) => {
    const checks: Record<string, () => Promise<unknown>> = {
      database: () =>
        options.sql ? options.sql.query("SELECT 1") : options.engine.stateMachines.list({ maxResults: 1 }),
    };
    if (options.queue) {
      const queue = options.queue;
      checks["queue"] = () => queue.counts(TIMERS_QUEUE);
    }
    const results: Record<string, string> = {};
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          results[name] = "ok";
        } catch (error) {
          results[name] = (error as Error).message || "failed";
          options.log.warn({ check: name, err: error }, "readiness check failed");
        }
      }),
    );
    const ready = Object.values(results).every((result) => result === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks: results });
  });

  router.get("/metrics", async (_req, res) => {
    const { registry } = options.metrics;
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
