import { fileURLToPath } from "node:url";

/** Absolute path of the repository's root directory (ends with a slash). */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
