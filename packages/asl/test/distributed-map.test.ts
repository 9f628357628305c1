import { describe, expect, it } from "vitest";
import { runLocal, type Json, type JsonObject, type LocalTaskHandler } from "../src/index.ts";

const s3Error = (error: string, cause: string) => Object.assign(new Error(cause), { error, cause });

/** An in-memory S3 behind the ItemReader / ResultWriter resources, as the engine's s3 integration answers. */
function fakeS3(objects: Record<string, string>) {
  const puts: Record<string, string> = {};
  const handlers: Record<string, LocalTaskHandler> = {
    "arn:aws:states:::s3:getObject": (input) => {
      const { Bucket, Key } = input as { Bucket: string; Key: string };
      const body = objects[`${Bucket}/${Key}`];
      if (body === undefined) throw s3Error("S3.NoSuchKeyException", "The specified key does not exist.");
      return { Body: body };
    },
    "arn:aws:states:::s3:listObjectsV2": (input) => {
      const { Bucket, Prefix } = input as { Bucket: string; Prefix?: string };
      const start = `${Bucket}/${Prefix ?? ""}`;
      return {
        Contents: Object.keys(objects)
          .filter((k) => k.startsWith(start))
          .map((k) => ({
            Key: k.slice(Bucket.length + 1),
            Size: objects[k]!.length,
            ETag: '"e"',
            LastModified: "2026-01-01T00:00:10.000Z",
            StorageClass: "STANDARD",
          })),
      };
    },
    "arn:aws:states:::s3:putObject": (input, context) => {
      expect(context.purpose).toBe("ResultWriter");
      const { Bucket, Objects } = input as { Bucket: string; Objects: { Key: string; Body: string }[] };
      for (const o of Objects) puts[`${Bucket}/${o.Key}`] = o.Body;
      return {};
    },
  };
  return { handlers, puts };
}

const distributed = (states: JsonObject, startAt = Object.keys(states)[0]!): JsonObject => ({
  ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
  StartAt: startAt,
  States: states,
});

const passThrough = distributed({ P: { Type: "Pass", End: true } });

const types = (history: { type: string }[]) => history.map((e) => e.type);

describe("Distributed Map", () => {
  it("reads CSV items, selects with $$.Map.Item.Value, writes results and a manifest, outputs where they are", async () => {
    const s3 = fakeS3({ "in/rows.csv": "id,name\n1,a\n2,b\n" });
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            Label: "Rows",
            ItemReader: {
              Resource: "arn:aws:states:::s3:getObject",
              ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" },
              Parameters: { "Bucket.$": "$.bucket", Key: "rows.csv" },
            },
            ItemSelector: { "row.$": "$$.Map.Item.Value", "at.$": "$$.Map.Item.Index", "tag.$": "$.tag" },
            ItemProcessor: passThrough,
            ResultWriter: {
              Resource: "arn:aws:states:::s3:putObject",
              Parameters: { Bucket: "out", Prefix: "runs" },
            },
            End: true,
          },
        },
      },
      { bucket: "in", tag: "t" },
      { handlers: s3.handlers },
    );
    expect(result.status).toBe("SUCCEEDED");
    const output = result.output as JsonObject;
    const mapRunArn = output.MapRunArn as string;
    expect(mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:local\/Rows:[0-9a-f-]{36}$/);
    const id = mapRunArn.slice(mapRunArn.lastIndexOf(":") + 1);
    expect(output.ResultWriterDetails).toEqual({ Bucket: "out", Key: `runs/${id}/manifest.json` });
    expect(Object.keys(s3.puts)).toEqual([`out/runs/${id}/SUCCEEDED_0.json`, `out/runs/${id}/manifest.json`]);
    const succeeded = JSON.parse(s3.puts[`out/runs/${id}/SUCCEEDED_0.json`]!) as JsonObject[];
    expect(succeeded.map((e): Json => [e.Status!, JSON.parse(e.Output as string) as Json])).toEqual([
      ["SUCCEEDED", { row: { id: "1", name: "a" }, at: 0, tag: "t" }],
      ["SUCCEEDED", { row: { id: "2", name: "b" }, at: 1, tag: "t" }],
    ]);
    expect(JSON.parse(s3.puts[`out/runs/${id}/manifest.json`]!)).toEqual({
      DestinationBucket: "out",
      MapRunArn: mapRunArn,
      ResultFiles: {
        FAILED: [],
        PENDING: [],
        SUCCEEDED: [
          { Key: `runs/${id}/SUCCEEDED_0.json`, Size: s3.puts[`out/runs/${id}/SUCCEEDED_0.json`]!.length },
        ],
      },
    });
    const events = types(result.history);
    expect(events).not.toContain("TaskScheduled");
    expect(events.filter((t) => t.startsWith("Map") && !t.startsWith("MapIteration"))).toEqual([
      "MapStateEntered",
      "MapStateStarted",
      "MapRunStarted",
      "MapRunSucceeded",
      "MapStateSucceeded",
      "MapStateExited",
    ]);
    const started = result.history.find((e) => e.type === "MapRunStarted")!;
    expect(started.mapRunStartedEventDetails).toEqual({ mapRunArn });
  });

  it("lists objects with JSONata Arguments, batches them, and returns results without a writer", async () => {
    const s3 = fakeS3({ "b/p/1": "x", "b/p/2": "yy", "b/p/3": "zzz", "b/q/4": "" });
    const result = await runLocal(
      {
        QueryLanguage: "JSONata",
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemReader: {
              Resource: "arn:aws:states:::s3:listObjectsV2",
              Arguments: { Bucket: "b", Prefix: "{% $states.input.prefix %}" },
            },
            ItemBatcher: { MaxItemsPerBatch: 2 },
            ItemProcessor: distributed({
              P: { Type: "Pass", Output: "{% $states.input.Items.Key %}", End: true },
            }),
            End: true,
          },
        },
      },
      { prefix: "p/" },
      { handlers: s3.handlers },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: [["p/1", "p/2"], "p/3"] as Json });
  });

  it("reads at most MaxItemsPath items of a JSON Lines object", async () => {
    const s3 = fakeS3({ "b/k": '{"n":1}\n{"n":2}\n{"n":3}\n' });
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemReader: {
              Resource: "arn:aws:states:::s3:getObject",
              ReaderConfig: { InputType: "JSONL", MaxItemsPath: "$.max" },
              Parameters: { Bucket: "b", Key: "k" },
            },
            ItemProcessor: passThrough,
            End: true,
          },
        },
      },
      { max: 2 },
      { handlers: s3.handlers },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: [{ n: 1 }, { n: 2 }] });
  });

  it("writes FAILED and PENDING results when failures exceed the tolerated count, then fails the state", async () => {
    const s3 = fakeS3({});
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            MaxConcurrency: 1,
            ToleratedFailureCount: 1,
            ItemProcessor: distributed(
              {
                C: {
                  Type: "Choice",
                  Choices: [{ Variable: "$", NumericGreaterThan: 1, Next: "Bad" }],
                  Default: "Ok",
                },
                Bad: { Type: "Fail", Error: "Too.Big", Cause: "no" },
                Ok: { Type: "Pass", End: true },
              },
              "C",
            ),
            ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "out" } },
            End: true,
          },
        },
      },
      [1, 2, 3, 4],
      { handlers: s3.handlers },
    );
    expect(result).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
    const manifestKey = Object.keys(s3.puts).find((k) => k.endsWith("manifest.json"))!;
    const id = manifestKey.split("/")[1]!;
    const read = (status: string) => JSON.parse(s3.puts[`out/${id}/${status}_0.json`]!) as JsonObject[];
    expect(read("SUCCEEDED").map((e) => e.Input)).toEqual(["1"]);
    expect(read("FAILED").map((e) => [e.Input, e.Error, e.Cause, e.Status])).toEqual([
      ["2", "Too.Big", "no", "FAILED"],
      ["3", "Too.Big", "no", "FAILED"],
    ]);
    expect(read("PENDING").map((e) => e.Input)).toEqual(["4"]);
    const failed = result.history.find((e) => e.type === "MapRunFailed")!;
    expect(failed.mapRunFailedEventDetails).toMatchObject({
      error: "States.ExceedToleratedFailureThreshold",
    });
  });

  it("fails with States.ItemReaderFailed (catchable) when the object cannot be read", async () => {
    const s3 = fakeS3({});
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemReader: {
              Resource: "arn:aws:states:::s3:getObject",
              ReaderConfig: { InputType: "JSON" },
              Parameters: { Bucket: "b", Key: "missing" },
            },
            ItemProcessor: passThrough,
            Catch: [{ ErrorEquals: ["States.ItemReaderFailed"], Next: "Caught" }],
            End: true,
          },
          Caught: { Type: "Pass", End: true },
        },
      },
      {},
      { handlers: s3.handlers },
    );
    expect(result.status).toBe("SUCCEEDED");
    const output = result.output as { Error: string; Cause: string };
    expect(output.Error).toBe("States.ItemReaderFailed");
    expect(output.Cause).toContain("S3.NoSuchKeyException");
    expect(types(result.history)).not.toContain("MapRunStarted");
  });

  it("fails with States.ResultWriterFailed when the results cannot be written", async () => {
    const handlers: Record<string, Json | LocalTaskHandler> = {
      "arn:aws:states:::s3:putObject": () => {
        throw s3Error("S3.NoSuchBucketException", "The specified bucket does not exist");
      },
    };
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: passThrough,
            ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "nope" } },
            End: true,
          },
        },
      },
      [1],
      { handlers: handlers as Record<string, LocalTaskHandler> },
    );
    expect(result).toMatchObject({ status: "FAILED", error: "States.ResultWriterFailed" });
    expect(types(result.history)).toContain("MapRunFailed");
  });

  it("shapes the output with WriterConfig alone (FLATTEN)", async () => {
    const result = await runLocal(
      {
        StartAt: "M",
        States: {
          M: {
            Type: "Map",
            ItemProcessor: distributed({ P: { Type: "Pass", Result: ["a", "b"], End: true } }),
            ResultWriter: { WriterConfig: { Transformation: "FLATTEN", OutputType: "JSON" } },
            End: true,
          },
        },
      },
      [1, 2],
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: ["a", "b", "a", "b"] });
  });
});
