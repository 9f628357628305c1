import process from "node:process";
import { pino } from "pino";
import { examplePackages } from "./example-packages.ts";
import { loadHandlerModule } from "./handler-modules.ts";
import { startServer, type StartEnv } from "./start-server.ts";

/** Options of {@link startCommand}. */
export interface StartOptions {
  /** Run the examples' Task handlers in this process (default true); false when worker processes run them. */
  exampleWorkers?: boolean;
}

/**
 * `stepflow start [--handlers <module>]... [--external-workers]`: runs the server until SIGINT or SIGTERM,
 * then shuts down gracefully and resolves to exit status 0 (1 when it could not start). Handler modules
 * come from `--handlers` and from the example packages under `./examples`, which are also set up and
 * served under `/examples/<name>/`.
 */
export async function startCommand(
  handlerPaths: string[],
  env: StartEnv,
  root: string,
  options: StartOptions = {},
): Promise<number> {
  const log = pino({ name: "stepflow" });
  // Listened for from the start, so a signal during start-up (migrations can take seconds) still shuts
  // down cleanly once the server is up, instead of killing the process halfway through.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  try {
    const examples = await examplePackages(root);
    const exampleHandlers =
      options.exampleWorkers === false ? [] : examples.flatMap((e) => (e.handlers ? [e.handlers] : []));
    const paths = [...handlerPaths, ...exampleHandlers];
    const modules = await Promise.all(paths.map((path) => loadHandlerModule(path)));
    if (modules.length === 0) log.info("no Task handler modules found: starting without in-process workers");
    const server = await startServer(env, modules, log, examples);
    const signal = await stopped;
    log.info({ signal }, "shutting down");
    // A second signal while draining is ignored: the shutdown is already bounded by its timeouts.
    const ignore = () => log.warn("already shutting down");
    process.on("SIGINT", ignore).on("SIGTERM", ignore);
    await server.close();
    log.info("stopped");
    log.flush();
    return 0;
  } catch (error) {
    log.fatal({ err: error }, `stepflow start failed: ${(error as Error).message}`);
    log.flush();
    return 1;
  }
}
