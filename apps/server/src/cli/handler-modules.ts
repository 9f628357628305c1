import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { HandlerMap } from "@stepflow/worker";

/** A module of Task handlers that `stepflow start` runs in-process. */
export interface HandlerModule {
  /** Where it came from (a path), for the start-up log. */
  source: string;
  handlers: HandlerMap;
}

/** Imports a handler module; throws naming the module when it exports no handler object. */
export async function loadHandlerModule(path: string): Promise<HandlerModule> {
  const loaded = (await import(pathToFileURL(resolve(path)).href)) as {
    handlers?: unknown;
    default?: unknown;
  };
  const handlers = loaded.handlers ?? loaded.default;
  if (typeof handlers !== "object" || handlers === null || Object.keys(handlers).length === 0) {
    throw new Error(`${path} exports no Task handlers: export \`handlers\` (an object of functions by name)`);
  }
  for (const [name, handler] of Object.entries(handlers)) {
    if (typeof handler !== "function") throw new Error(`${path}: handler "${name}" is not a function`);
  }
  return { source: path, handlers: handlers as HandlerMap };
}
