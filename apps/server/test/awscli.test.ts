import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient, type Engine } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { parseAccessKeys } from "../src/security/access-keys.ts";

const run = promisify(execFile);

/** Debian's `awscli` package installs /usr/bin/aws; another `aws` on PATH is used only without it. */
function findAws(): string | undefined {
  if (existsSync("/usr/bin/aws")) return "/usr/bin/aws";
  for (const dir of (process.env["PATH"] ?? "").split(":")) {
    if (dir !== "" && existsSync(join(dir, "aws"))) return join(dir, "aws");
  }
  return undefined;
}

const AWS = findAws();
if (AWS === undefined) {
  console.warn(
    "\n*** SKIPPING the AWS CLI tests: no `aws` command. Install Debian's package: apt-get install -y awscli " +
      "(.ci/run installs it when missing). ***\n",
  );
}

const SECRET = "cli/secret+Key0123456789abcdefghijklmnop";

describe.skipIf(AWS === undefined)(`the AWS CLI (${AWS ?? "missing"}) against the server`, () => {
  let engine: Engine;
  let server: Server;
  let endpoint: string;
  const home = mkdtempSync(join(tmpdir(), "stepflow-awscli-"));

  /** Runs `aws stepfunctions <args>` with only the given credentials; resolves with its JSON output. */
  async function aws(
    args: string[],
    credentials = { id: "AKIDCLI", secret: SECRET },
    extraEnv: Record<string, string> = {},
  ): Promise<unknown> {
    const { stdout } = await run(
      AWS!,
      ["stepfunctions", ...args, "--endpoint-url", endpoint, "--output", "json"],
      {
        env: {
          PATH: process.env["PATH"] ?? "/usr/bin:/bin",
          HOME: home,
          AWS_ACCESS_KEY_ID: credentials.id,
          AWS_SECRET_ACCESS_KEY: credentials.secret,
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_CONFIG_FILE: join(home, "none"),
          AWS_SHARED_CREDENTIALS_FILE: join(home, "none"),
          AWS_EC2_METADATA_DISABLED: "true",
          AWS_PAGER: "",
          AWS_MAX_ATTEMPTS: "1",
          ...extraEnv,
        },
        timeout: 60_000,
      },
    );
    return stdout.trim() === "" ? undefined : JSON.parse(stdout);
  }

  beforeAll(async () => {
    engine = await createEngine({ sql: await createPgliteSqlClient({}), queue: createMemoryTaskQueue() });
    // Signatures verified: the CLI (botocore) is a second, independent SigV4 implementation.
    const app = createApp({
      engine,
      security: { accessKeys: parseAccessKeys(`AKIDCLI:${SECRET}`), apiKeys: [] },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await engine?.close();
    rmSync(home, { recursive: true, force: true });
  });

  it("prints its version", async () => {
    const { stdout, stderr } = await run(AWS!, ["--version"]);
    console.log(`AWS CLI: ${(stdout || stderr).trim()}`);
    expect(`${stdout}${stderr}`).toMatch(/^aws-cli\/\d+\./);
  });

  it("creates a state machine, starts and describes an execution, and lists", async () => {
    expect(await aws(["list-state-machines"])).toEqual({ stateMachines: [] });
    const definition = JSON.stringify({
      StartAt: "Greet",
      States: {
        Greet: {
          Type: "Pass",
          Parameters: { "greeting.$": "States.Format('hello {}', $.who)" },
          Next: "Done",
        },
        Done: { Type: "Succeed" },
      },
    });
    const created = (await aws([
      "create-state-machine",
      "--name",
      "cli-hello",
      "--role-arn",
      "arn:aws:iam::123456789012:role/cli",
      "--definition",
      definition,
    ])) as { stateMachineArn: string; creationDate: unknown };
    expect(created.stateMachineArn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:cli-hello");
    expect(created.creationDate).toBeDefined();

    const listed = (await aws(["list-state-machines"])) as {
      stateMachines: { name: string; type: string }[];
    };
    expect(listed.stateMachines.map((m) => [m.name, m.type])).toEqual([["cli-hello", "STANDARD"]]);

    const started = (await aws([
      "start-execution",
      "--state-machine-arn",
      created.stateMachineArn,
      "--name",
      "cli-run-1",
      "--input",
      '{"who":"cli"}',
    ])) as { executionArn: string; startDate: unknown };
    expect(started.executionArn).toBe("arn:aws:states:us-east-1:123456789012:execution:cli-hello:cli-run-1");

    let described: { status: string; output?: string; input: string; name: string } | undefined;
    for (let i = 0; i < 50; i++) {
      described = (await aws([
        "describe-execution",
        "--execution-arn",
        started.executionArn,
      ])) as typeof described;
      if (described?.status !== "RUNNING") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(described).toMatchObject({ status: "SUCCEEDED", name: "cli-run-1", input: '{"who":"cli"}' });
    expect(JSON.parse(described!.output!)).toEqual({ greeting: "hello cli" });
  }, 120_000);

  // The CLI sends StartSyncExecution to `sync-<host>` (it has no switch for host prefixes). With no DNS
  // name for that, the server itself can act as the HTTP proxy: it is sent the absolute URL and serves it.
  it("runs an EXPRESS machine with start-sync-execution (the server as HTTP proxy for sync-<host>)", async () => {
    const created = (await aws([
      "create-state-machine",
      "--name",
      "cli-express",
      "--type",
      "EXPRESS",
      "--role-arn",
      "arn:aws:iam::123456789012:role/cli",
      "--definition",
      JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, End: true } } }),
    ])) as { stateMachineArn: string };
    const out = (await aws(
      ["start-sync-execution", "--state-machine-arn", created.stateMachineArn, "--input", "{}"],
      undefined,
      { HTTP_PROXY: endpoint, http_proxy: endpoint },
    )) as { status: string; output: string };
    expect(out.status).toBe("SUCCEEDED");
    expect(JSON.parse(out.output)).toEqual({ ok: true });
  }, 120_000);

  it("shows the server's typed errors and refuses a wrong secret or an unknown key", async () => {
    const missing = "arn:aws:states:us-east-1:123456789012:execution:nope:nope";
    await expect(aws(["describe-execution", "--execution-arn", missing])).rejects.toMatchObject({
      stderr: expect.stringContaining("(ExecutionDoesNotExist)") as string,
    });
    await expect(aws(["list-state-machines"], { id: "AKIDCLI", secret: "wrong" })).rejects.toMatchObject({
      stderr: expect.stringContaining("(InvalidSignatureException)") as string,
    });
    await expect(aws(["list-state-machines"], { id: "AKIDOTHER", secret: SECRET })).rejects.toMatchObject({
      stderr: expect.stringContaining("(UnrecognizedClientException)") as string,
    });
  }, 120_000);
});
