import process from "node:process";
import { parseArgs } from "node:util";
import { migrateCommand } from "./migrate-command.ts";
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
    default:
      io.err(`${command === undefined ? "no command given" : `unknown command "${command}"`}\n\n${USAGE}`);
      return 2;
  }
}
