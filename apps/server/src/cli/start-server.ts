import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createEngine } from "@stepflow/engine";
import { createEventBus } from "@stepflow/events";
import { Worker } from "@stepflow/worker";
import type { Logger as Pino } from "pino";
import { createApp } from "../app.ts";
import { securityFromEnv } from "../security/security-from-env.ts";
import type { ExamplePackage } from "./example-packages.ts";
import { startExamples } from "./example-setups.ts";
import type { HandlerModule } from "./handler-modules.ts";
import { listenAddress } from "./listen-address.ts";
import { openBackends, type BackendEnv } from "./open-backends.ts";

/** The environment `stepflow start` reads. */
export interface StartEnv extends BackendEnv {
  HOST?: string | undefined;
  PORT?: string | undefined;
  [name: string]: string | undefined;
}

/** A running server. */
export interface RunningServer {
  url: string;
  /** Stops taking requests, ends streams and long polls, lets workers finish, then closes the backends. */
  close(): Promise<void>;
}

/**
 * Starts everything `stepflow start` runs in one process: the backends the environment names, the engine
 * (migrating the database), the event bus, the HTTP app (Step Functions and EventBridge protocols, REST
 * /v1, health, metrics), the examples (their state machines and rules, pages and routes under
 * `/examples/<name>/`) and one in-process worker per handler module.
 */
export async function startServer(
  env: StartEnv,
  handlerModules: HandlerModule[],
  log: Pino,
  examples: readonly ExamplePackage[] = [],
): Promise<RunningServer> {
  const security = securityFromEnv(env);
  const address = listenAddress(env, security.accessKeys.size > 0 || security.apiKeys.length > 0);
  const backends = await openBackends(env);
  // A start that fails halfway closes what it opened (Redis and PostgreSQL connections, workers), so the
  // process exits with its error instead of hanging on open handles.
  const opened: (() => Promise<unknown>)[] = [() => backends.close()];
  const track = <T extends { close(): Promise<unknown> }>(resource: T): T => {
    opened.unshift(() => resource.close());
    return resource;
  };
  try {
    log.info(
      { database: backends.database, queue: backends.queueName, objects: backends.objectStore },
      "opening the engine (migrating the database)",
    );
    const engine = track(
      await createEngine({ sql: backends.sql, queue: backends.queue, objects: backends.objects }),
    );
    const bus = track(await createEventBus({ sql: backends.sql, queue: backends.queue, engine }));
    const closing = new AbortController();
    const app = createApp({
      engine,
      bus,
      log,
      security,
      sql: backends.sql,
      queue: backends.queue,
      closing: closing.signal,
    });
    const running = await startExamples(
      examples,
      { engine, bus, queue: backends.queue, log },
      app,
      security.apiKeys,
    );
    for (const example of running) track(example);
    const workers = handlerModules.map(
      (module) => new Worker({ queue: backends.queue, handlers: module.handlers, concurrency: 8 }),
    );
    for (const [index, worker] of workers.entries()) {
      await track(worker).start();
      log.info(
        { module: handlerModules[index]!.source, handlers: Object.keys(handlerModules[index]!.handlers) },
        "worker started",
      );
    }
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(address.port, address.host, () => resolve(s));
      s.once("error", reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${address.host.includes(":") ? `[${address.host}]` : address.host}:${port}`;
    if (address.note !== undefined) log.warn(address.note);
    else if (security.accessKeys.size === 0 && security.apiKeys.length === 0) {
      log.warn("no credentials configured: requests are not authenticated (loopback only)");
    }
    log.info(
      { url, database: backends.database, queue: backends.queueName, workers: workers.length },
      `Stepflow listening on ${url}`,
    );
    for (const example of running) {
      if (example.path !== undefined)
        log.info(
          { example: example.name, url: `${url}${example.path}` },
          `example ${example.name}: ${url}${example.path}`,
        );
    }
    let closed: Promise<void> | undefined;
    return {
      url,
      close() {
        closed ??= (async () => {
          closing.abort();
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          await Promise.all(running.map((example) => example.close()));
          await Promise.all(workers.map((worker) => worker.close()));
          await bus.close();
          await engine.close();
          const forced = setTimeout(() => server.closeAllConnections(), 5_000);
          await stopped;
          clearTimeout(forced);
          await backends.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    for (const close of opened) await close().catch(() => undefined);
    throw error;
  }
}
