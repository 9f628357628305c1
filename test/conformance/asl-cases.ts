import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { conformanceDir } from "./conformance-dir.ts";

/** One ASL conformance case recorded against AWS (see ../shared/conformance/asl/README.md). */
export interface AslCase {
  id: string;
  file: string;
  category: string;
  definition: unknown;
  definitionText?: string;
  input: unknown;
  inputText?: string;
  expected: { status: string; output?: unknown; error?: string; cause?: unknown };
  timeoutSeconds?: number;
}

/** Every public ASL case, sorted by file name. */
export function loadAslCases(): AslCase[] {
  const dir = resolve(conformanceDir(), "asl");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("_"))
    .sort()
    .map((file) => ({
      ...(JSON.parse(readFileSync(resolve(dir, file), "utf8")) as Omit<AslCase, "file">),
      file,
    }));
}
