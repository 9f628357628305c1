import { readFile } from "node:fs/promises";
import { formatProblem, validateDefinition } from "@stepflow/asl";

/** Where a command writes. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `stepflow validate <file>...`: validates each ASL definition and lists every problem as
 * `<file>: <path>: <message>`. Resolves to 0 when all are valid, 1 otherwise.
 */
export async function validateCommand(files: string[], io: Output): Promise<number> {
  if (files.length === 0) {
    io.err("usage: stepflow validate <file>...\n");
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      io.err(`${file}: cannot read: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    const problems = validateDefinition(text);
    if (problems.length === 0) {
      io.out(`${file}: valid\n`);
      continue;
    }
    failed = true;
    for (const problem of problems) io.err(`${file}: ${formatProblem(problem)}\n`);
    io.err(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
  }
  return failed ? 1 : 0;
}
