// `npm run start -w examples/<name>`: this example as it would run in production, against PostgreSQL and
// Redis, with its Task handlers in separate worker processes (see runWithWorkers).
import { join } from "node:path";
import process from "node:process";
import { runWithWorkers } from "@stepflow/server";

process.exitCode = await runWithWorkers(join(import.meta.dirname, ".."));
