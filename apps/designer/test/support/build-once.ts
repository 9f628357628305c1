import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Vitest global setup: builds the web app when dist/web is missing (CI builds it first anyway). */
export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  if (existsSync(join(root, "dist/web/index.html"))) return;
  // vite's exports hide bin/, but package.json is exported and bin/vite.js sits beside it.
  const vite = join(
    dirname(createRequire(join(root, "package.json")).resolve("vite/package.json")),
    "bin/vite.js",
  );
  execFileSync(process.execPath, [vite, "build"], { cwd: root, stdio: "inherit" });
}
