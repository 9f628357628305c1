import process from "node:process";
import { parseArgs } from "node:util";
import { migrateCommand } from "./migrate-command.ts";
import { connectSharedQueue } from "@stepflow/engine";
import { quarantineCommand } from "./quarantine-command.ts";
import { runCommand } from "./run-command.ts";
import { startCommand } from "./start-command.ts";
import { validateCommand, type Output } from "./validate-command.ts";

const USAGE = `usage: stepflow <command>

  start [--handlers <module>]... [--external-workers]
                                       run the server (AWS protocol, REST /v1, /healthz, /metrics)
                                       with the engine and in-process workers, and the examples
                                       under ./examples at /examples/<name>/ (--external-workers:
                                       their Task handlers run in worker processes); Ctrl-C stops it
  validate <file>...                   check ASL definitions; lists every problem, exit 1 if any
  run <file> [--input <json|@file>] [--handlers <module>]...
                                       run a definition locally and print its output
  migrate                              bring the database schema up to date
  quarantine list [--limit <n>] [--offset <n>] [--json]
                                       tasks the workers quarantined (their worker died running them
                                       more than stallLimit times; the Task already failed)
  quarantine show <token>              one of them, with its input
  quarantine delete <token>            drop it once inspected; redrive its execution to run it again

Environment: DATABASE_URL (else embedded PGlite in STEPFLOW_DATA_DIR), REDIS_URL (else the PostgreSQL
queue with DATABASE_URL, the in-process queue without), HOST (127.0.0.1), PORT (8080),
STEPFLOW_ACCESS_KEYS, STEPFLOW_API_KEYS.
`;

const stdio: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The `stepflow` command line: runs one command and resolves to the process exit status. */
export async function main(argv: string[], io: Output = stdio): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        input: { type: "string" },
        handlers: { type: "string", multiple: true },
        "external-workers": { type: "boolean" },
        limit: { type: "string" },
        offset: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const handlers = values.handlers ?? [];
  if (values.help === true || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return 0;
  }
  switch (command) {
    case "start":
      return startCommand(handlers, process.env, process.cwd(), {
        exampleWorkers: values["external-workers"] !== true,
      });
    case "validate":
      return validateCommand(positionals, io);
    case "run":
      return runCommand(
        positionals[0],
        { handlers, ...(values.input === undefined ? {} : { input: values.input }) },
        io,
      );
    case "migrate":
      return migrateCommand(process.env, io);
    case "quarantine": {
      const shared = connectSharedQueue(process.env);
      if (shared === undefined) {
        // The in-process queue lives inside the server; a worker there cannot die alone, so none quarantines.
        io.err(
          "stepflow quarantine reads the shared task queue: set REDIS_URL or DATABASE_URL (the in-process queue has no quarantine)\n",
        );
        return 1;
      }
      const { queue } = shared;
      try {
        return await quarantineCommand({ positionals, ...values }, queue, io);
      } finally {
        await queue.close();
      }
    }
    default:
      io.err(`${command === undefined ? "no command given" : `unknown command "${command}"`}\n\n${USAGE}`);
      return 2;
  }
}
