import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json, JsonObject } from "@stepflow/asl";
import { createEngine, type Engine } from "../src/engine/create-engine.ts";
import type { ExecutionDescription } from "../src/api/executions.ts";
import { createDirectoryObjectStore } from "../src/adapters/directory-object-store.ts";
import { createS3ObjectStore } from "../src/adapters/s3-object-store.ts";
import type { ObjectStore } from "../src/ports/object-store.ts";
import { until } from "../../../test/support/index.ts";
import { backends, type Backend } from "./support/engine-backends.ts";
import { startLocalS3, type LocalS3 } from "./support/s3-server.ts";

const roleArn = "arn:aws:iam::123456789012:role/test";

/** An object store with buckets `in` … made for the test, and how to drop it. */
interface Objects {
  name: string;
  store: ObjectStore;
  close(): Promise<void>;
}

async function directoryObjects(): Promise<Objects> {
  const root = await mkdtemp(join(tmpdir(), "stepflow-dmap-"));
  for (const bucket of ["input", "output"]) await mkdir(join(root, bucket));
  const store = createDirectoryObjectStore(root);
  return { name: "directory", store, close: () => rm(root, { recursive: true, force: true }) };
}

async function s3Objects(): Promise<Objects> {
  const s3: LocalS3 = await startLocalS3();
  for (const bucket of ["input", "output"]) await s3.createBucket(bucket);
  const store = createS3ObjectStore({ endpoint: s3.endpoint, credentials: s3.credentials });
  return {
    name: "s3",
    store,
    async close() {
      await store.close();
      await s3.stop();
    },
  };
}

const distributed = (states: JsonObject, startAt = Object.keys(states)[0]!): JsonObject => ({
  ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
  StartAt: startAt,
  States: states,
});

const text = (body: Uint8Array) => Buffer.from(body).toString("utf8");

for (const backend of backends) {
  for (const openObjects of [directoryObjects, s3Objects]) {
    describe.skipIf(!backend.available)(
      `Distributed Map on ${backend.name}, objects: ${openObjects.name}`,
      () => {
        let b: Backend;
        let objects: Objects;
        let engine: Engine;
        let machines = 0;

        async function start(definition: JsonObject, input: Json = {}): Promise<string> {
          const { stateMachineArn } = await engine.stateMachines.create({
            name: `dmap-${++machines}`,
            definition: JSON.stringify(definition),
            roleArn,
          });
          const { executionArn } = await engine.executions.start({
            stateMachineArn,
            input: JSON.stringify(input),
          });
          return executionArn;
        }

        async function finished(executionArn: string): Promise<ExecutionDescription> {
          return until(async () => {
            const d = await engine.executions.describe(executionArn);
            return d.status === "RUNNING" ? undefined : d;
          }, `execution ${executionArn} to end`);
        }

        async function eventTypes(executionArn: string): Promise<string[]> {
          const { events } = await engine.executions.history({ executionArn, maxResults: 1000 });
          return events.map((e) => e.type);
        }

        beforeAll(async () => {
          b = await backend.open();
          objects = await openObjects();
          engine = await createEngine({ sql: b.sql, queue: b.queue, sweepMs: 200, objects: objects.store });
        }, 60_000);

        afterAll(async () => {
          await engine?.close();
          await objects?.close();
          await b?.close();
        });

        it("reads CSV items, writes the results and manifest, and reports the Map Run", async () => {
          await objects.store.put("input", "rows.csv", "id,qty\na,1\nb,2\nc,3\n");
          const executionArn = await start(
            {
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW", MaxItems: 2 },
                    Parameters: { Bucket: "input", "Key.$": "$.key" },
                  },
                  ItemSelector: { "id.$": "$$.Map.Item.Value.id", "n.$": "$$.Map.Item.Index" },
                  ItemProcessor: distributed({ P: { Type: "Pass", End: true } }),
                  ResultWriter: {
                    Resource: "arn:aws:states:::s3:putObject",
                    Parameters: { Bucket: "output", Prefix: "runs" },
                  },
                  End: true,
                },
              },
            },
            { key: "rows.csv" },
          );
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          const output = JSON.parse(done.output!) as { MapRunArn: string; ResultWriterDetails: JsonObject };
          const id = output.MapRunArn.slice(output.MapRunArn.lastIndexOf(":") + 1);
          expect(output.MapRunArn).toBe(
            `arn:aws:states:us-east-1:123456789012:mapRun:dmap-${machines}/M:${id}`,
          );
          expect(output.ResultWriterDetails).toEqual({ Bucket: "output", Key: `runs/${id}/manifest.json` });

          const manifest = JSON.parse(
            text((await objects.store.get("output", `runs/${id}/manifest.json`)).body),
          ) as JsonObject;
          expect(manifest).toMatchObject({ DestinationBucket: "output", MapRunArn: output.MapRunArn });
          const results = JSON.parse(
            text((await objects.store.get("output", `runs/${id}/SUCCEEDED_0.json`)).body),
          ) as JsonObject[];
          expect(results.map((r) => JSON.parse(r.Output as string) as Json)).toEqual([
            { id: "a", n: 0 },
            { id: "b", n: 1 },
          ]);

          const types = await eventTypes(executionArn);
          expect(types.filter((t) => t.startsWith("MapRun"))).toEqual(["MapRunStarted", "MapRunSucceeded"]);
          expect(types.some((t) => t.startsWith("Task"))).toBe(false);

          const described = await engine.mapRuns.describe(output.MapRunArn);
          expect(described).toMatchObject({
            executionArn,
            status: "SUCCEEDED",
            itemCounts: { total: 2, succeeded: 2, failed: 0, pending: 0, running: 0, resultsWritten: 2 },
          });
          expect(described.stopDate).toBeInstanceOf(Date);
          const listed = await engine.mapRuns.list({ executionArn });
          expect(listed.mapRuns).toEqual([
            expect.objectContaining({
              mapRunArn: output.MapRunArn,
              executionArn,
              stateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:dmap-${machines}/M`,
            }),
          ]);
        });

        it("lists objects (JSONata) and reads each with the aws-sdk:s3:getObject Task", async () => {
          await objects.store.put("input", "docs/1.json", '{"v":1}');
          await objects.store.put("input", "docs/2.json", '{"v":2}');
          await objects.store.put("input", "other/3.json", '{"v":3}');
          const executionArn = await start(
            {
              QueryLanguage: "JSONata",
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  ItemReader: {
                    Resource: "arn:aws:states:::s3:listObjectsV2",
                    Arguments: { Bucket: "input", Prefix: "{% $states.input.prefix %}" },
                  },
                  ItemProcessor: distributed({
                    Get: {
                      Type: "Task",
                      Resource: "arn:aws:states:::aws-sdk:s3:getObject",
                      Arguments: { Bucket: "input", Key: "{% $states.input.Key %}" },
                      Output: "{% $parse($states.result.Body).v %}",
                      End: true,
                    },
                  }),
                  End: true,
                },
              },
            },
            { prefix: "docs/" },
          );
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          expect(JSON.parse(done.output!)).toEqual([1, 2]);
        });

        it("puts, lists and gets objects with s3 Tasks; a missing key is S3.NoSuchKeyException", async () => {
          const executionArn = await start(
            {
              StartAt: "Put",
              States: {
                Put: {
                  Type: "Task",
                  Resource: "arn:aws:states:::aws-sdk:s3:putObject",
                  Parameters: { Bucket: "output", Key: "tasks/a.json", "Body.$": "$.doc" },
                  ResultPath: "$.put",
                  Next: "List",
                },
                List: {
                  Type: "Task",
                  Resource: "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  Parameters: { Bucket: "output", Prefix: "tasks/" },
                  ResultSelector: { "keys.$": "$.Contents[*].Key", "count.$": "$.KeyCount" },
                  ResultPath: "$.list",
                  Next: "Get",
                },
                Get: {
                  Type: "Task",
                  Resource: "arn:aws:states:::aws-sdk:s3:getObject",
                  Parameters: { Bucket: "output", Key: "tasks/a.json" },
                  ResultSelector: { "body.$": "States.StringToJson($.Body)" },
                  ResultPath: "$.get",
                  Next: "Missing",
                },
                Missing: {
                  Type: "Task",
                  Resource: "arn:aws:states:::aws-sdk:s3:getObject",
                  Parameters: { Bucket: "output", Key: "tasks/none.json" },
                  Catch: [{ ErrorEquals: ["S3.NoSuchKeyException"], ResultPath: "$.missing", Next: "Done" }],
                  End: true,
                },
                Done: { Type: "Pass", End: true },
              },
            },
            { doc: { hello: "world" } },
          );
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          const output = JSON.parse(done.output!) as JsonObject;
          expect((output.put as JsonObject).ETag).toMatch(/^"[0-9a-f]{32}"$/);
          expect(output.list).toEqual({ keys: ["tasks/a.json"], count: 1 });
          expect(output.get).toEqual({ body: { hello: "world" } });
          expect((output.missing as JsonObject).Error).toBe("S3.NoSuchKeyException");
          const types = await eventTypes(executionArn);
          expect(types.filter((t) => t === "TaskSucceeded")).toHaveLength(3);
        });

        it("reads an item file larger than a state's 256 KiB payload", async () => {
          const items = Array.from({ length: 3000 }, (_, i) => ({ i, pad: "x".repeat(100) }));
          await objects.store.put("input", "big.json", JSON.stringify(items));
          const executionArn = await start({
            StartAt: "M",
            States: {
              M: {
                Type: "Map",
                ItemReader: {
                  Resource: "arn:aws:states:::s3:getObject",
                  ReaderConfig: { InputType: "JSON" },
                  Parameters: { Bucket: "input", Key: "big.json" },
                },
                ItemSelector: { "i.$": "$$.Map.Item.Value.i" },
                ItemProcessor: distributed({ P: { Type: "Pass", End: true } }),
                ResultSelector: { "count.$": "States.ArrayLength($)" },
                End: true,
              },
            },
          });
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          expect(JSON.parse(done.output!)).toEqual({ count: 3000 });
        });

        it("fails with States.ItemReaderFailed, which Catch handles, when the object is missing", async () => {
          const executionArn = await start({
            StartAt: "M",
            States: {
              M: {
                Type: "Map",
                ItemReader: {
                  Resource: "arn:aws:states:::s3:getObject",
                  ReaderConfig: { InputType: "JSON" },
                  Parameters: { Bucket: "input", Key: "absent.json" },
                },
                ItemProcessor: distributed({ P: { Type: "Pass", End: true } }),
                Catch: [{ ErrorEquals: ["States.ItemReaderFailed"], Next: "Caught" }],
                End: true,
              },
              Caught: { Type: "Pass", End: true },
            },
          });
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          const output = JSON.parse(done.output!) as { Error: string; Cause: string };
          expect(output.Error).toBe("States.ItemReaderFailed");
          expect(output.Cause).toContain("S3.NoSuchKeyException");
        });

        it("leaves the S3 calls of an engine without background work to another engine, each Map Run once", async () => {
          await objects.store.put("input", "later.json", "[10, 20]");
          // An engine that runs no background work: the ItemReader's call is queued, nobody serves it.
          const first = await createEngine({
            sql: b.sql,
            queue: b.queue,
            background: false,
            objects: objects.store,
          });
          const { stateMachineArn } = await first.stateMachines.create({
            name: `dmap-${++machines}`,
            definition: JSON.stringify({
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  ItemReader: {
                    Resource: "arn:aws:states:::s3:getObject",
                    ReaderConfig: { InputType: "JSON" },
                    Parameters: { Bucket: "input", Key: "later.json" },
                  },
                  ItemProcessor: distributed({ P: { Type: "Pass", End: true } }),
                  ResultWriter: {
                    Resource: "arn:aws:states:::s3:putObject",
                    Parameters: { Bucket: "output" },
                  },
                  End: true,
                },
              },
            }),
            roleArn,
          });
          const { executionArn } = await first.executions.start({ stateMachineArn, input: "{}" });
          await first.close();
          // This suite's engine serves the queued calls; the execution goes on from what the first one committed.
          const done = await finished(executionArn);
          expect(done.status).toBe("SUCCEEDED");
          const { MapRunArn } = JSON.parse(done.output!) as { MapRunArn: string };
          const types = await eventTypes(executionArn);
          expect(types.filter((t) => t === "MapRunStarted")).toHaveLength(1);
          expect(types.filter((t) => t === "MapIterationSucceeded")).toHaveLength(2);
          expect((await engine.mapRuns.describe(MapRunArn)).itemCounts).toMatchObject({
            succeeded: 2,
            resultsWritten: 2,
          });
        });

        it("describes a running Map Run live, and an aborted one after StopExecution", async () => {
          // No worker serves this handler, so the iterations wait.
          const executionArn = await start(
            {
              StartAt: "M",
              States: {
                M: {
                  Type: "Map",
                  MaxConcurrency: 2,
                  ItemProcessor: distributed({
                    W: {
                      Type: "Task",
                      Resource: "arn:aws:lambda:us-east-1:123456789012:function:nobody",
                      End: true,
                    },
                  }),
                  End: true,
                },
              },
            },
            [1, 2, 3, 4, 5],
          );
          const listed = await until(async () => {
            const { mapRuns } = await engine.mapRuns.list({ executionArn });
            return mapRuns[0];
          }, "the Map Run to start");
          const running = await until(async () => {
            try {
              return await engine.mapRuns.describe(listed.mapRunArn);
            } catch {
              return undefined; // RecordMapRun not dispatched yet
            }
          }, "the Map Run to be recorded");
          expect(running).toMatchObject({
            status: "RUNNING",
            maxConcurrency: 2,
            itemCounts: { total: 5, running: 2, pending: 3, succeeded: 0 },
          });
          await engine.executions.stop({ executionArn });
          await finished(executionArn);
          expect(await engine.mapRuns.describe(listed.mapRunArn)).toMatchObject({
            status: "ABORTED",
            itemCounts: { aborted: 2 },
          });
          expect(await eventTypes(executionArn)).toContain("MapRunAborted");
        });
      },
    );
  }
}
