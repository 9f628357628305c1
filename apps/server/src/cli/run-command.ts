import { readFile } from "node:fs/promises";
import {
  formatProblem,
  parseJsonText,
  runLocal,
  stringifyJson,
  validateDefinition,
  type Json,
} from "@stepflow/asl";
import { loadHandlerModule } from "./handler-modules.ts";
import type { Output } from "./validate-command.ts";

/** Options of `stepflow run`. */
export interface RunOptions {
  /** JSON text, or `@path` of a file holding it (default `{}`). */
  input?: string;
  /** Handler modules whose handlers serve the Task states (by function or activity name). */
  handlers: string[];
}

/**
 * `stepflow run <file> [--input <json|@file>] [--handlers <module>]...`: runs the definition locally
 * (in memory, waits on a virtual clock) and prints the output JSON, or the error and cause. Resolves to 0
 * when the execution succeeded, 1 otherwise.
 */
export async function runCommand(file: string | undefined, options: RunOptions, io: Output): Promise<number> {
  if (file === undefined) {
    io.err("usage: stepflow run <file> [--input <json|@file>] [--handlers <module>]...\n");
    return 2;
  }
  let definition: string;
  let input: Json;
  try {
    definition = await readFile(file, "utf8");
    const inputText =
      options.input === undefined
        ? "{}"
        : options.input.startsWith("@")
          ? await readFile(options.input.slice(1), "utf8")
          : options.input;
    input = parseInputText(inputText);
  } catch (error) {
    io.err(`${(error as Error).message}\n`);
    return 1;
  }
  const problems = validateDefinition(definition);
  if (problems.length > 0) {
    for (const problem of problems) io.err(`${file}: ${formatProblem(problem)}\n`);
    return 1;
  }
  const handlers = {};
  for (const path of options.handlers) Object.assign(handlers, (await loadHandlerModule(path)).handlers);
  const result = await runLocal(definition, input, { handlers });
  if (result.status === "SUCCEEDED") {
    io.out(`${stringifyJson(result.output ?? null, 2)!}\n`);
    return 0;
  }
  io.err(`${result.status}${result.error === undefined ? "" : `: ${result.error}`}\n`);
  if (result.cause !== undefined) io.err(`${result.cause}\n`);
  return 1;
}

function parseInputText(text: string): Json {
  try {
    return parseJsonText(text);
  } catch (error) {
    throw new Error(`--input is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
