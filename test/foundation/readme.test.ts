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
  // apps/server/test/cli-start.test.ts runs it for real (health, an AWS call, SIGTERM → exit 0).
  it("builds the designer, then runs `stepflow start` (exec'd, so npm's SIGTERM reaches the server), the bin of @stepflow/server", () => {
    const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    // A fresh clone has no designer build to serve at `/`; turbo's cache makes later starts skip it. Its
    // output goes to stderr: stdout is the server's JSON log.
    expect(root.scripts["start"]).toMatch(
      /^turbo run build --filter=@stepflow\/designer [^&]*>&2 && exec stepflow start$/,
    );
    const server = JSON.parse(readFileSync(join(repoRoot, "apps/server/package.json"), "utf8")) as {
      bin: Record<string, string>;
    };
    expect(server.bin["stepflow"]).toBe("bin/stepflow.mjs");
    const help = spawnSync(process.execPath, [join(repoRoot, "apps/server", server.bin["stepflow"] ?? "")], {
      encoding: "utf8",
    });
    expect(help.status).toBe(2);
    expect(help.stderr).toContain("usage: stepflow <command>");
  });
});
