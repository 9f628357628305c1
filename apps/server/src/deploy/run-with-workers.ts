import { spawn, type ChildProcess } from "node:child_process";
import console from "node:console";
import { join } from "node:path";
import process from "node:process";

/**
 * An example as it would run in production, against PostgreSQL (and Redis when REDIS_URL is set; without
 * it the task queue lives in PostgreSQL) with its Task handlers in separate worker processes: `stepflow start --external-workers` from the repository root (server, engine,
 * bus, every example's state machines, rules and page) and `WORKERS` (default 2) processes of the
 * example's `src/worker-main.ts`. Ctrl-C stops them all; resolves to the server's exit code.
 */
export async function runWithWorkers(exampleDir: string): Promise<number> {
  const root = join(exampleDir, "..", "..");
  if (!process.env["DATABASE_URL"]) {
    console.error(
      "DATABASE_URL is not set. This script runs against PostgreSQL (and Redis if REDIS_URL is set), for example:\n" +
        "  docker compose up -d postgres redis\n" +
        "  export DATABASE_URL=postgres://stepflow:stepflow@127.0.0.1:5432/stepflow REDIS_URL=redis://127.0.0.1:6379\n" +
        "For everything in one process without them, run `npm start` at the repository root.",
    );
    return 2;
  }
  const node = (args: string[], cwd: string): ChildProcess =>
    spawn(process.execPath, args, { cwd, stdio: "inherit" });
  const server = node(
    [join(root, "apps", "server", "bin", "stepflow.mjs"), "start", "--external-workers"],
    root,
  );
  const workerMain = join(exampleDir, "src", "worker-main.ts");
  const workers = Array.from({ length: Number(process.env.WORKERS ?? 2) }, () =>
    node(["--conditions=@stepflow/source", "--import", "tsx", workerMain], exampleDir),
  );
  const children = [server, ...workers];

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Without its server the workers have nothing to do, and without workers the server's tasks wait.
  for (const child of children) child.once("exit", () => stop("SIGTERM"));
  const codes = await Promise.all(
    children.map(
      (child) => new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1))),
    ),
  );
  return codes[0] ?? 1;
}
