import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/index.ts";

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

describe("package-lock.json", () => {
  // `npm install` here drops optional packages the registry mirror does not serve (other platforms'
  // builds), and then `npm ci`, the first command of the README and of CI, refuses the lockfile.
  it("lists every optional dependency, so `npm ci` accepts it on any platform", () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, "package-lock.json"), "utf8")) as {
      packages: Record<string, LockEntry>;
    };
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${path === "" ? "" : `${path}/`}node_modules/${name}`;
        if (lock.packages[nested] === undefined && lock.packages[`node_modules/${name}`] === undefined) {
          missing.push(name);
        }
      }
    }
    expect(missing, "run `node scripts/complete-lockfile.mjs`").toEqual([]);
  });
});
