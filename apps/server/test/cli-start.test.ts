import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = join(import.meta.dirname, "../../..");

/** `npm start` at the repository root (`stepflow start`), on a temporary embedded database and a free port. */
describe("npm start", () => {
  let dataDir: string;
  let child: ChildProcessWithoutNullStreams | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("serves health, the AWS protocol and REST, binds loopback without credentials, and exits 0 on SIGTERM", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "stepflow-start-"));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(DATABASE_URL|REDIS_URL|STEPFLOW_|HOST$|PORT$)/.test(key))
        env[key] = value;
    }
    Object.assign(env, { STEPFLOW_DATA_DIR: dataDir, PORT: "0", HOST: "0.0.0.0" });
    const started = spawn("npm", ["start", "--silent"], { env, cwd: repoRoot });
    child = started;
    const lines: Record<string, unknown>[] = [];
    let stderr = "";
    started.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => started.once("exit", (code) => resolve(code)));

    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: started.stdout }).on("line", (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (typeof entry["url"] === "string" && String(entry["msg"]).startsWith("Stepflow listening")) {
          resolve(entry["url"]);
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const messages = lines.map((line) => String(line["msg"]));
    expect(messages).toContain(
      "no credentials configured (STEPFLOW_ACCESS_KEYS, STEPFLOW_API_KEYS): listening on 127.0.0.1 only, not HOST=0.0.0.0",
    );
    expect(lines.find((line) => line["database"])?.["database"]).toBe(`embedded PGlite in ${dataDir}`);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const aws = await fetch(url, {
      method: "POST",
      headers: {
        "x-amz-target": "AWSStepFunctions.CreateStateMachine",
        "content-type": "application/x-amz-json-1.0",
      },
      body: JSON.stringify({
        name: "hello",
        roleArn: "arn:aws:iam::123456789012:role/x",
        definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
      }),
    });
    expect(aws.status).toBe(200);
    expect(await aws.json()).toMatchObject({
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:hello",
    });
    const rest = (await (await fetch(`${url}/v1/state-machines`)).json()) as { items: { name: string }[] };
    // The examples under ./examples install their state machines at start.
    expect(rest.items.map((m) => m.name).sort()).toEqual([
      "customer-status",
      "hello",
      "identity-confirmation",
      "order-fulfillment",
    ]);

    started.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(lines.map((line) => line["msg"])).toContain("stopped");
    expect(stderr).not.toMatch(/error/i);
  }, 120_000);
});

describe("stepflow start that cannot start", () => {
  it("exits 1 with the reason when the database does not exist, closing the Redis connection it opened", async () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !/^(DATABASE_URL|STEPFLOW_|HOST$|PORT$)/.test(key)) env[key] = value;
    }
    const missing = new URL(process.env["DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test");
    missing.pathname = `/stepflow_missing_${process.pid}`;
    Object.assign(env, {
      DATABASE_URL: missing.href,
      REDIS_URL: process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379",
      PORT: "0",
    });
    const started = spawn(process.execPath, [join(repoRoot, "apps/server/bin/stepflow.mjs"), "start"], {
      env,
      cwd: repoRoot,
    });
    let stdout = "";
    started.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // Without the clean-up the process stayed up forever on its open Redis connection.
    const code = await new Promise<number | null>((resolve) => started.once("exit", (exit) => resolve(exit)));
    expect(code).toBe(1);
    expect(stdout).toContain(`database \\"stepflow_missing_${process.pid}\\" does not exist`);
  }, 60_000);
});
