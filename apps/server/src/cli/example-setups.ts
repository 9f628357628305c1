import { pathToFileURL } from "node:url";
import type { Engine, TaskQueue } from "@stepflow/engine";
import type { EventBus } from "@stepflow/events";
import express, { type RequestHandler } from "express";
import type { Logger as Pino } from "pino";
import { bearerApiKey } from "../security/bearer-api-key.ts";
import type { ExamplePackage } from "./example-packages.ts";

/** What an example's `setup` gets. */
export interface ExampleContext {
  engine: Engine;
  bus: EventBus;
  queue: TaskQueue;
  log: Pino;
}

/** What an example's `setup` may return: routes to serve under `/examples/<name>/`, and a shutdown. */
interface ExampleRuntime {
  router?: RequestHandler;
  close?(): Promise<void>;
}

/** An example that was set up. */
export interface RunningExample {
  name: string;
  /** The path its page and routes are served under (`/examples/<name>/`), when it has any. */
  path?: string;
  close(): Promise<void>;
}

/**
 * Runs each example's `setup` (its state machines, rules and targets, created or updated), then serves
 * under `/examples/<name>/` its static page and the router `setup` returned. The router sits behind the
 * same bearer check as /v1 (it can publish events); the page does not. A failing setup fails the start,
 * naming the example.
 */
export async function startExamples(
  examples: readonly ExamplePackage[],
  context: ExampleContext,
  app: express.Express,
  apiKeys: readonly string[],
): Promise<RunningExample[]> {
  const running: RunningExample[] = [];
  for (const example of examples) {
    let runtime: ExampleRuntime = {};
    if (example.setup !== undefined) {
      try {
        const loaded = (await import(pathToFileURL(example.setup).href)) as { setup?: unknown };
        if (typeof loaded.setup !== "function") throw new Error(`${example.setup} exports no setup function`);
        const setup = loaded.setup as (context: ExampleContext) => Promise<ExampleRuntime | undefined>;
        runtime = (await setup(context)) ?? {};
      } catch (error) {
        throw new Error(`example ${example.name}: setup failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    const path = `/examples/${example.name}`;
    const served = example.static !== undefined || runtime.router !== undefined;
    if (served) {
      // The page's relative URLs (api/...) need the trailing slash.
      app.get(path, (req, res, next) => (req.path === path ? res.redirect(301, `${path}/`) : next()));
    }
    if (example.static !== undefined) app.use(path, express.static(example.static));
    if (runtime.router !== undefined) app.use(path, bearerApiKey({ keys: apiKeys }), runtime.router);
    running.push({
      name: example.name,
      ...(served ? { path: `${path}/` } : {}),
      close: () => runtime.close?.() ?? Promise.resolve(),
    });
  }
  return running;
}
