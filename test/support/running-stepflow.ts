import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium, type Browser } from "playwright-core";
import { repoRoot } from "./repo-root.ts";

export { repoRoot };

/** A `stepflow start` of the repository (both examples loaded), as `npm start` runs it. */
export interface RunningStepflow {
  url: string;
  /** Every log line so far, parsed. */
  lines: Record<string, unknown>[];
  /** SIGTERM, then its exit code; removes the data directory. */
  stop(): Promise<number | null>;
}

/** Starts `stepflow start` on a fresh embedded database and a free port, and waits until it listens. */
export async function startStepflow(): Promise<RunningStepflow> {
  const dataDir = await mkdtemp(join(tmpdir(), "stepflow-example-"));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|REDIS_URL|STEPFLOW_|HOST$|PORT$)/.test(key)) env[key] = value;
  }
  Object.assign(env, { STEPFLOW_DATA_DIR: dataDir, PORT: "0" });
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [join(repoRoot, "apps/server/bin/stepflow.mjs"), "start"],
    { cwd: repoRoot, env },
  );
  const lines: Record<string, unknown>[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      // The examples' URLs are logged right after this line, so they are known once it is read.
      if (typeof entry.url === "string" && String(entry.msg).startsWith("Stepflow listening"))
        resolve(entry.url);
    });
    void exited.then((code) =>
      reject(new Error(`stepflow start exited ${code} before listening: ${stderr}`)),
    );
  });
  return {
    url,
    lines,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Headless Debian chromium, as the designer's browser tests run it (`STEPFLOW_CHROMIUM` overrides). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.STEPFLOW_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
    headless: true,
  });
}
