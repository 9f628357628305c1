import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
  CreateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, serviceUrl, type FreshDatabase } from "../../../test/support/index.ts";

const repoRoot = join(import.meta.dirname, "../../..");

/** The environment minus everything Stepflow reads, plus `extra`. */
function envWith(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|REDIS_URL|STEPFLOW_|HOST$|PORT$)/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

// A deployment without Redis: `stepflow start --external-workers` on DATABASE_URL alone, and a worker in a
// process of its own on the same DATABASE_URL. Their task queue is the PostgreSQL queue.
describe.skipIf(serviceUrl("DATABASE_URL") === undefined)(
  "stepflow start on PostgreSQL without Redis",
  () => {
    let database: FreshDatabase | undefined;
    const children: ChildProcessWithoutNullStreams[] = [];

    afterAll(async () => {
      for (const child of children) {
        if (child.exitCode === null) {
          child.kill("SIGTERM");
          await once(child, "exit");
        }
      }
      await database?.drop();
    });

    it("runs a Task on a worker process that shares only the database", async () => {
      database = await freshDatabase({ label: "cli_no_redis" });
      const env = envWith({ DATABASE_URL: database.url, PORT: "0" });
      const server = spawn(
        process.execPath,
        [join(repoRoot, "apps/server/bin/stepflow.mjs"), "start", "--external-workers"],
        { cwd: repoRoot, env },
      );
      children.push(server);
      let stderr = "";
      server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const lines: Record<string, unknown>[] = [];
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: server.stdout }).on("line", (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (typeof entry["url"] === "string" && String(entry["msg"]).startsWith("Stepflow listening"))
            resolve(entry["url"]);
        });
        server.once("exit", (code) => reject(new Error(`stepflow start exited ${code}: ${stderr}`)));
      });
      expect(String(lines.find((line) => line["queue"])?.["queue"])).toMatch(
        /^PostgreSQL queue \(schema stepflow_queue\) at postgres:\/\//,
      );

      const worker = spawn(
        process.execPath,
        [
          "--conditions=@stepflow/source",
          "--import",
          "tsx",
          join(import.meta.dirname, "support/echo-worker.ts"),
        ],
        { cwd: repoRoot, env: envWith({ DATABASE_URL: database.url }) },
      );
      children.push(worker);
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: worker.stdout }).on("line", (line) => line === "ready" && resolve());
        worker.once("exit", (code) => reject(new Error(`the worker exited ${code}`)));
      });

      const sfn = new SFNClient({
        endpoint: url,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({
          name: "echo",
          roleArn: "arn:aws:iam::123456789012:role/test",
          definition: JSON.stringify({
            StartAt: "Echo",
            States: {
              Echo: {
                Type: "Task",
                Resource: "arn:aws:lambda:us-east-1:123456789012:function:echo",
                End: true,
              },
            },
          }),
        }),
      );
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: '{"n":1.50}' }),
      );
      let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      for (let i = 0; i < 200 && described.status === "RUNNING"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      }
      expect(described.status).toBe("SUCCEEDED");
      expect(JSON.parse(described.output!)).toEqual({ echoed: { n: 1.5 }, pid: worker.pid });

      // SIGTERM stops the worker gracefully: it closes its worker and queue and exits 0.
      const exitCode = new Promise<number | null>((resolve) => worker.once("exit", resolve));
      worker.kill("SIGTERM");
      expect(await exitCode).toBe(0);
    });
  },
);
