import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { HandlerMap } from "@stepflow/worker";

/** A module of Task handlers that `stepflow start` runs in-process. */
export interface HandlerModule {
  /** Where it came from (a path), for the start-up log. */
  source: string;
  handlers: HandlerMap;
}

/**
 * The handler modules of the example packages under `<root>/examples/*`: a package whose package.json
 * has `"stepflow": { "handlers": "./src/handlers.ts" }` names a module that exports `handlers` (or a
 * default export), an object of Task handlers by name as `@stepflow/worker` takes them.
 */
export async function exampleHandlerModules(root: string): Promise<string[]> {
  const dir = join(root, "examples");
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const manifest = await readFile(join(dir, entry.name, "package.json"), "utf8").catch(() => undefined);
    if (manifest === undefined) continue;
    const handlers = (JSON.parse(manifest) as { stepflow?: { handlers?: unknown } }).stepflow?.handlers;
    if (typeof handlers === "string") found.push(join(dir, entry.name, handlers));
  }
  return found;
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
