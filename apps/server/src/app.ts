import type { Engine } from "@stepflow/engine";
import express from "express";
import { STEP_FUNCTIONS_ACTIONS } from "./aws/action-table.ts";
import { awsJsonProtocol } from "./aws/aws-json-protocol.ts";
import { stderrLogger, type Logger } from "./logger.ts";
import { securityFromEnv, type Security } from "./security/security-from-env.ts";
import { createSigV4Verifier } from "./security/sigv4-verifier.ts";

/** Options of {@link createApp}. */
export interface AppOptions {
  engine: Engine;
  log?: Logger;
  /**
   * Request body limit of the AWS protocol in bytes. Default 2 MiB: a 1 MiB definition (AWS's limit) can
   * grow by its JSON escapes inside the request envelope; every member is then checked on its own.
   */
  awsBodyLimit?: number;
  /**
   * Credentials to verify: SigV4 access keys on the AWS protocol, bearer API keys on /v1. Default: read
   * from STEPFLOW_ACCESS_KEYS / STEPFLOW_API_KEYS; empty means that check is off (embedded dev mode).
   */
  security?: Security;
}

/**
 * The Stepflow HTTP application: the AWS Step Functions JSON 1.0 protocol on `POST /`. Other routers
 * (REST /v1, health, metrics) mount on the returned app.
 *
 * @example
 * const app = createApp({ engine });
 * app.listen(8080, "127.0.0.1");
 */
export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
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
  return app;
}
