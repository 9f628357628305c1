import type { AddressInfo } from "node:net";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { createEngine, createMemoryTaskQueue, createPgliteSqlClient } from "@stepflow/engine";
import { createApp } from "@stepflow/server";
import { expect, it } from "vitest";
import { loadAslCases, type AslCase } from "./asl-cases.ts";
import { outcomeMismatch } from "./expected-match.ts";
import { report, type Verdict } from "./report.ts";

const cases = loadAslCases();
const CONCURRENCY = 8;

it(`runs all ${cases.length} AWS-recorded ASL cases through the server with @aws-sdk/client-sfn`, async () => {
  expect(cases.length).toBeGreaterThan(200);
  const sql = await createPgliteSqlClient({});
  const queue = createMemoryTaskQueue();
  const engine = await createEngine({ sql, queue });
  const server = createApp({ engine }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const client = new SFNClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: "us-east-1",
    credentials: { accessKeyId: "conformance", secretAccessKey: "conformance" },
    maxAttempts: 1,
  });
  const started = Date.now();
  try {
    const verdicts: Verdict[] = new Array<Verdict>(cases.length);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < cases.length; i = next++) verdicts[i] = await runCase(client, cases[i]!, i);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(report(`ASL conformance through the server (AWS JSON protocol, ${seconds} s)`, verdicts));
    expect(verdicts.filter((v) => v.diff).map((v) => v.id)).toEqual([]);
  } finally {
    client.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    await queue.close();
    await sql.close();
  }
}, 600_000);

/** The corpus README's steps: create, start, poll DescribeExecution, compare, delete. */
async function runCase(client: SFNClient, c: AslCase, index: number): Promise<Verdict> {
  let diff: string | undefined;
  let stateMachineArn: string | undefined;
  try {
    const created = await client.send(
      new CreateStateMachineCommand({
        name: `case-${index}`,
        type: "STANDARD",
        roleArn: "arn:aws:iam::123456789012:role/conformance",
        definition: c.definitionText ?? JSON.stringify(c.definition),
      }),
    );
    stateMachineArn = created.stateMachineArn;
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn, input: c.inputText ?? JSON.stringify(c.input) }),
    );
    const deadline = Date.now() + (c.timeoutSeconds ?? 30) * 1000;
    for (;;) {
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== "RUNNING") {
        const output = d.output === undefined ? undefined : (JSON.parse(d.output) as unknown);
        diff = outcomeMismatch(c.expected, { status: d.status!, output, error: d.error, cause: d.cause });
        break;
      }
      if (Date.now() > deadline) {
        diff = `still RUNNING after ${c.timeoutSeconds ?? 30} s`;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch (error) {
    diff = `threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  } finally {
    if (stateMachineArn)
      await client.send(new DeleteStateMachineCommand({ stateMachineArn })).catch(() => undefined);
  }
  return { id: c.id, category: c.category, diff };
}
