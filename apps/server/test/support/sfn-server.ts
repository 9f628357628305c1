import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { SFNClient } from "@aws-sdk/client-sfn";
import type { Json } from "@stepflow/asl";
import { createEngine, type Engine, type ObjectStore, type TaskJob } from "@stepflow/engine";
import { standInWorkers } from "../../../../test/support/stand-in-workers.ts";
import { createApp } from "../../src/app.ts";
import type { Logger } from "../../src/logger.ts";
import type { Backend } from "./backends.ts";

/** A running server on an ephemeral port with an SDK client pointed at it. */
export interface SfnServer {
  engine: Engine;
  client: SFNClient;
  url: string;
  /** Errors the server logged (a test asserts there were none it did not expect). */
  logged: { level: string; message: string; fields: Record<string, unknown> }[];
  /** A stand-in worker: runs `handler` for each job of task queue `name` and reports the outcome. */
  serve(name: string, handler: (input: Json, job: TaskJob) => Json | Promise<Json>): void;
  close(): Promise<void>;
}

/** Starts an engine on `backend` (with `objects` as its object store) and the app on 127.0.0.1:0. */
export async function startSfnServer(
  backend: Backend,
  options: { objects?: ObjectStore } = {},
): Promise<SfnServer> {
  const engine = await createEngine({
    sql: backend.sql,
    queue: backend.queue,
    sweepMs: 200,
    ...(options.objects ? { objects: options.objects } : {}),
  });
  const logged: SfnServer["logged"] = [];
  const log: Logger = {
    error: (fields, message) => logged.push({ level: "error", message, fields }),
    warn: (fields, message) => logged.push({ level: "warn", message, fields }),
  };
  const app = createApp({ engine, log });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SFNClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
    maxAttempts: 1,
    // TestState and StartSyncExecution go to `sync-<host>` on AWS; a custom endpoint has no such host.
    disableHostPrefix: true,
  });
  const workers = standInWorkers(() => backend.queue);
  return {
    engine,
    client,
    url,
    logged,
    serve: (name, handler) => workers.serve(name, handler),
    async close() {
      client.destroy();
      await workers.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
    },
  };
}

/** Polls `probe` every 20 ms until it returns a value, or fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
