import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./repo-root.ts";

/**
 * A child process of a drill (an engine or a worker), run from its TypeScript source as
 * `node --conditions=@stepflow/source --import tsx SCRIPT`. It can be killed with SIGKILL and started
 * again any number of times; `starts` and `kills` count what happened to it.
 */
export class DrillProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;
  kills = 0;
  /** The last lines the process wrote to stderr (for the failure message of a drill). */
  readonly stderr: string[] = [];

  constructor(
    readonly label: string,
    private readonly script: URL,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts the process and resolves once it printed "ready". */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error(`${this.label} is already running`);
    const child = spawn(
      process.execPath,
      ["--conditions=@stepflow/source", "--import", "tsx", fileURLToPath(this.script)],
      { cwd: repoRoot, env: { ...process.env, ...this.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    this.starts++;
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        // Not killed or stopped by the drill: say so in the drill's failure message.
        if (this.child === child) {
          this.child = undefined;
          this.stderr.push(`${this.label} exited by itself (${code ?? signal})`);
        }
        resolve();
      }),
    );
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr.push(...chunk.split("\n").filter((l) => l !== ""));
      this.stderr.splice(0, Math.max(0, this.stderr.length - 50));
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.label} not ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
      let out = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        if (out.includes("ready\n")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(`${this.label} exited (${code ?? signal}) before ready:\n${this.stderr.join("\n")}`),
        );
      });
    });
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** kill -9, and waits until the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    this.kills++;
    child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM (graceful close), then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
