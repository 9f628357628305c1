import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/index.ts";

const readme = readFileSync(join(repoRoot, "README.md"), "utf8");

/** The command lines of the first code block under "## Quick start". */
function quickStartCommands(): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith("Quick start\n")) ?? "";
  const block = /^```\w*\n([\s\S]*?)^```/m.exec(section)?.[1] ?? "";
  return block.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

describe("README.md", () => {
  it("has a Quick start of exactly two commands: install and start, then test", () => {
    expect(quickStartCommands()).toEqual(["npm ci && npm start", "npm test"]);
  });

  it("names the test command that .ci/run runs", () => {
    const fromCi = execFileSync("bash", [join(repoRoot, ".ci/run"), "--print-test-command"], {
      encoding: "utf8",
    }).trim();
    expect(fromCi).toBe(quickStartCommands().at(-1));
  });

  it("links to every package directory, each with a package.json and a README", () => {
    const links = [...readme.matchAll(/\]\(((?:packages|apps)\/[\w-]+)\)/g)].map((match) => match[1] ?? "");
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(existsSync(join(repoRoot, link, "package.json")), `${link}/package.json`).toBe(true);
    }
    for (const link of ["packages/engine", "packages/worker", "apps/server", "apps/designer"]) {
      expect(links).toContain(link);
      expect(existsSync(join(repoRoot, link, "README.md")), `${link}/README.md`).toBe(true);
    }
  });
});

describe("npm start", () => {
  it("explains that the server is not built yet, points at what is, and exits 1", () => {
    const started = spawnSync(process.execPath, [join(repoRoot, "scripts/start.mjs")], { encoding: "utf8" });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain("not built yet: see issue #5");
    expect(started.stderr).toContain("npm test");
  });
});
