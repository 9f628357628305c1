import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  InvalidArn,
  ListMapRunsCommand,
  ResourceNotFound,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { createDirectoryObjectStore, type ObjectStore } from "@stepflow/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends, type Backend } from "./support/backends.ts";
import { startSfnServer, until, type SfnServer } from "./support/sfn-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

for (const b of backends) {
  describe.skipIf(!b.available)(`Distributed Map Runs through @aws-sdk/client-sfn on ${b.name}`, () => {
    let backend: Backend;
    let root: string;
    let objects: ObjectStore;
    let s: SfnServer;

    beforeAll(async () => {
      backend = await b.open();
      root = await mkdtemp(join(tmpdir(), "stepflow-sfn-objects-"));
      await mkdir(join(root, "data"));
      objects = createDirectoryObjectStore(root);
      s = await startSfnServer(backend, { objects });
    }, 60_000);

    afterAll(async () => {
      await s?.close();
      await backend?.close();
      await rm(root, { recursive: true, force: true });
    });

    it("runs a Distributed Map over a JSON Lines object, writes its results, and describes and lists its Map Run", async () => {
      await objects.put("data", "in/orders.jsonl", '{"id":1}\n{"id":2}\n{"id":3}\n');
      const { stateMachineArn } = await s.client.send(
        new CreateStateMachineCommand({
          name: "orders-dmap",
          roleArn,
          definition: JSON.stringify({
            StartAt: "Each",
            States: {
              Each: {
                Type: "Map",
                Label: "Orders",
                MaxConcurrency: 2,
                ToleratedFailurePercentage: 50,
                ItemReader: {
                  Resource: "arn:aws:states:::s3:getObject",
                  ReaderConfig: { InputType: "JSONL" },
                  Parameters: { Bucket: "data", Key: "in/orders.jsonl" },
                },
                ItemProcessor: {
                  ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
                  StartAt: "Price",
                  States: { Price: { Type: "Pass", Parameters: { "id.$": "$.id", total: 10 }, End: true } },
                },
                ResultWriter: {
                  Resource: "arn:aws:states:::s3:putObject",
                  Parameters: { Bucket: "data", Prefix: "out" },
                },
                End: true,
              },
            },
          }),
        }),
      );
      const { executionArn } = await s.client.send(
        new StartExecutionCommand({ stateMachineArn, input: "{}" }),
      );
      const done = await until(async () => {
        const d = await s.client.send(new DescribeExecutionCommand({ executionArn }));
        return d.status === "RUNNING" ? undefined : d;
      }, "the execution to end");
      expect(done.status).toBe("SUCCEEDED");
      const output = JSON.parse(done.output!) as { MapRunArn: string; ResultWriterDetails: { Key: string } };
      expect(output.MapRunArn).toMatch(
        /^arn:aws:states:us-east-1:123456789012:mapRun:orders-dmap\/Orders:[0-9a-f-]{36}$/,
      );
      const manifest = JSON.parse(
        Buffer.from((await objects.get("data", output.ResultWriterDetails.Key)).body).toString("utf8"),
      ) as {
        ResultFiles: { SUCCEEDED: { Key: string }[] };
      };
      expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);

      const listed = await s.client.send(new ListMapRunsCommand({ executionArn }));
      expect(listed.mapRuns).toEqual([
        {
          executionArn,
          mapRunArn: output.MapRunArn,
          stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders-dmap/Orders",
          startDate: expect.any(Date) as Date,
          stopDate: expect.any(Date) as Date,
        },
      ]);

      const described = await s.client.send(new DescribeMapRunCommand({ mapRunArn: output.MapRunArn }));
      expect(described).toMatchObject({
        mapRunArn: output.MapRunArn,
        executionArn,
        status: "SUCCEEDED",
        maxConcurrency: 2,
        toleratedFailurePercentage: 50,
        toleratedFailureCount: 0,
        itemCounts: { total: 3, succeeded: 3, failed: 0, pending: 0, running: 0, resultsWritten: 3 },
        executionCounts: { total: 3, succeeded: 3 },
      });
      expect(described.startDate).toBeInstanceOf(Date);

      const { events } = await s.client.send(new GetExecutionHistoryCommand({ executionArn }));
      const started = events!.find((e) => e.type === "MapRunStarted");
      expect(started?.mapRunStartedEventDetails).toEqual({ mapRunArn: output.MapRunArn });
      expect(events!.map((e) => e.type)).toContain("MapRunSucceeded");
    });

    it("answers ResourceNotFound for an unknown Map Run and InvalidArn for a malformed one", async () => {
      await expect(
        s.client.send(
          new DescribeMapRunCommand({
            mapRunArn:
              "arn:aws:states:us-east-1:123456789012:mapRun:nope/M:00000000-0000-4000-8000-000000000000",
          }),
        ),
      ).rejects.toBeInstanceOf(ResourceNotFound);
      await expect(
        s.client.send(new DescribeMapRunCommand({ mapRunArn: "not-an-arn" })),
      ).rejects.toBeInstanceOf(InvalidArn);
    });
  });
}
