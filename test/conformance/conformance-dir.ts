import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the AWS-recorded conformance corpus lives: STEPFLOW_CONFORMANCE_DIR, else `../shared/conformance`
 * beside the repository, else /work/shared/conformance. A missing corpus is an error, never a skip.
 */
export function conformanceDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.STEPFLOW_CONFORMANCE_DIR,
    resolve(here, "../../../shared/conformance"),
    "/work/shared/conformance",
  ].filter((c): c is string => Boolean(c));
  const found = candidates.find((c) => existsSync(resolve(c, "asl/_index.json")));
  if (!found)
    throw new Error(
      `Conformance corpus not found; looked in: ${candidates.join(", ")}. Set STEPFLOW_CONFORMANCE_DIR.`,
    );
  return found;
}
