import { createHash } from "node:crypto";
import { formatProblem, validateDefinition } from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";

/** Validates a definition text (every problem listed, as InvalidDefinition) and returns its content hash. */
export function checkedDefinition(text: string): { text: string; hash: string } {
  const problems = validateDefinition(text);
  if (problems.length > 0) {
    const list = problems.map((p) => formatProblem(p)).join("; ");
    throw new EngineError("InvalidDefinition", `Invalid State Machine Definition: '${list}'`);
  }
  return { text, hash: createHash("sha256").update(text).digest("hex") };
}
