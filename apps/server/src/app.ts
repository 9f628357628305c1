import type { Engine, SqlClient, TaskQueue } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express from "express";
import { STEP_FUNCTIONS_ACTIONS } from "./aws/action-table.ts";
import { awsJsonProtocol } from "./aws/aws-json-protocol.ts";
import { eventsProtocol } from "./events-protocol/events-protocol.ts";
import { stderrLogger, type Logger } from "./logger.ts";
import { healthRoutes } from "./observability/health-routes.ts";
import { serverMetrics } from "./observability/server-metrics.ts";
import { restApi } from "./rest/rest-api.ts";
import { bearerApiKey } from "./security/bearer-api-key.ts";
import { securityFromEnv, type Security } from "./security/security-from-env.ts";
import { createSigV4Verifier } from "./security/sigv4-verifier.ts";

const DESIGNER_DIST = fileURLToPath(new URL("../../designer/dist/web", import.meta.url));

/** Options of {@link createApp}. */
export interface AppOptions {
  engine: Engine;
  /** The event bus served on the EventBridge JSON 1.1 protocol (`X-Amz-Target: AWSEvents.*`); absent: not served. */
  bus?: EventBus;
  log?: Logger;
  /**
   * Request body limit of the AWS protocol in bytes. Default 2 MiB: a 1 MiB definition (AWS's limit) can
   * grow by its JSON escapes inside the request envelope; every member is then checked on its own.
   */
  awsBodyLimit?: number;
  /** The engine's database and queue, checked by /readyz and measured by /metrics (queue depth). */
  sql?: SqlClient;
  queue?: TaskQueue;
  /** Aborted when the server shuts down: ends the /v1 event streams. */
  closing?: AbortSignal;
  /**
   * Credentials to verify: SigV4 access keys on the AWS protocol, bearer API keys on /v1. Default: read
   * from STEPFLOW_ACCESS_KEYS / STEPFLOW_API_KEYS; empty means that check is off (embedded dev mode).
   */
  security?: Security;
}

/**
 * The Stepflow HTTP application: the AWS Step Functions JSON 1.0 protocol on `POST /`, and EventBridge's
 * JSON 1.1 protocol beside it when a `bus` is given. Other routers
 * (REST /v1, health, metrics) mount on the returned app.
 *
 * @example
 * const app = createApp({ engine });
 * app.listen(8080, "127.0.0.1");
 */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  const log = options.log ?? stderrLogger;
  const metrics = serverMetrics(options.engine, options.queue);
  app.use(metrics.observeRequest);
  app.use(healthRoutes({ engine: options.engine, metrics, log, ...pick(options, "sql", "queue") }));
  const security = options.security ?? securityFromEnv(process.env);
  app.use(
    awsJsonProtocol({
      service: "AWSStepFunctions",
      actions: STEP_FUNCTIONS_ACTIONS,
      engine: options.engine,
      log: options.log ?? stderrLogger,
      bodyLimit: options.awsBodyLimit ?? 2 * 1024 * 1024,
      ...(security.accessKeys.size === 0
        ? {}
        : { verify: createSigV4Verifier({ accessKeys: security.accessKeys, service: "states" }) }),
    }),
  );
  if (options.bus !== undefined) {
    app.use(
      eventsProtocol({
        bus: options.bus,
        log,
        bodyLimit: options.awsBodyLimit ?? 2 * 1024 * 1024,
        ...(security.accessKeys.size === 0
          ? {}
          : { verify: createSigV4Verifier({ accessKeys: security.accessKeys, service: "events" }) }),
      }),
    );
  }
  app.use("/v1", bearerApiKey({ keys: security.apiKeys }));
  app.use(
    "/v1",
    restApi({
      engine: options.engine,
      log,
      events: pick(options, "closing"),
      ...pick(options, "bus", "queue"),
    }),
  );
  // The designer's build (apps/designer, `npm run build`), at `/`: it works offline and talks to /v1. Found
  // by path, not imported: the designer comes after the server in the package order.
  if (existsSync(DESIGNER_DIST)) app.use(express.static(DESIGNER_DIST));
  else
    app.get("/", (_req, res) => {
      res
        .status(404)
        .type("text")
        .send(
          "The designer is not built. Run `npx turbo run build --filter=@stepflow/designer` " +
            "(`npm start` at the repository root does) and restart the server.\n",
        );
    });
  return app;
}

/** The options among `keys` that are set (exactOptionalPropertyTypes forbids passing `undefined` on). */
function pick<K extends keyof AppOptions>(options: AppOptions, ...keys: K[]): Partial<Pick<AppOptions, K>> {
  return Object.fromEntries(
    keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]),
  ) as Partial<Pick<AppOptions, K>>;
}
