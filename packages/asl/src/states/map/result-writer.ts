import { StatesError, StatesFailure } from "../../errors.ts";
import { compileS3Arguments, evaluateS3Arguments, type S3Arguments } from "./s3-arguments.ts";
import { isJsonObject, jsonText, type Json, type JsonObject } from "../../json.ts";
import type { QueryLanguage } from "../../machine/query-language.ts";
import type { ChildrenProgress, Frame } from "../../execution/snapshot.ts";
import type { StateRun } from "../state-handler.ts";

/** A Distributed Map's compiled `ResultWriter` (AWS "ResultWriter (Map)"). */
export interface ResultWriter {
  /** `arn:aws:states:::s3:putObject`, or undefined when only WriterConfig shapes the state's output. */
  resource: string | undefined;
  /** The S3 call's arguments (Bucket, Key / Prefix). */
  args: S3Arguments;
  outputType: "JSON" | "JSONL";
  /** NONE is the default when results go to S3, COMPACT when they stay in the state's output. */
  transformation: "NONE" | "COMPACT" | "FLATTEN";
}

/** One object to put: its key and its text. */
export type ResultObject = {
  Key: string;
  Body: string;
};

/** Compiles `ResultWriter` (validated before). */
export function compileResultWriter(def: JsonObject, language: QueryLanguage): ResultWriter {
  const config = isJsonObject(def.WriterConfig) ? def.WriterConfig : {};
  const resource = typeof def.Resource === "string" ? def.Resource : undefined;
  const transformation = config.Transformation;
  return {
    resource,
    args: compileS3Arguments(def, language, "ResultWriter"),
    outputType: config.OutputType === "JSONL" ? "JSONL" : "JSON",
    transformation:
      transformation === "NONE" || transformation === "COMPACT" || transformation === "FLATTEN"
        ? transformation
        : resource === undefined
          ? "COMPACT"
          : "NONE",
  };
}

/** Where the results go: `Bucket` and `Prefix` from Parameters / Arguments (States.ResultWriterFailed if unusable). */
export async function writerDestination(
  run: StateRun,
  frame: Frame,
  writer: ResultWriter,
  input: Json,
): Promise<{ bucket: string; prefix: string }> {
  const value = await evaluateS3Arguments(run, frame, writer.args, input);
  const bucket = isJsonObject(value) ? value.Bucket : undefined;
  const prefix = isJsonObject(value) ? (value.Prefix ?? "") : "";
  if (typeof bucket !== "string" || bucket === "" || typeof prefix !== "string") {
    throw new StatesFailure(
      StatesError.ResultWriterFailed,
      `The ResultWriter needs a string Bucket and an optional string Prefix; got ${jsonText(value)}`,
    );
  }
  return { bucket, prefix };
}

/**
 * The objects a Map Run's results become under `<Prefix>/<map run id>/`: one file per status with results
 * (SUCCEEDED_0, FAILED_0, PENDING_0) and `manifest.json` listing them, last, as AWS lays them out.
 */
export function resultObjects(
  progress: ChildrenProgress,
  writer: ResultWriter,
  mapRunArn: string,
  destination: { bucket: string; prefix: string },
): { objects: ResultObject[]; manifestKey: string; written: number } {
  const { prefix } = destination;
  const base = `${prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`}${mapRunArn.slice(mapRunArn.lastIndexOf(":") + 1)}/`;
  const groups = resultGroups(progress, writer);
  const objects: ResultObject[] = [];
  const files: Record<string, Json[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  const extension = writer.outputType === "JSONL" ? "jsonl" : "json";
  for (const status of ["SUCCEEDED", "FAILED", "PENDING"] as const) {
    const entries = groups[status];
    if (entries.length === 0) continue;
    const body =
      writer.outputType === "JSONL"
        ? entries.map((e) => JSON.stringify(e)).join("\n") + "\n"
        : JSON.stringify(entries);
    const key = `${base}${status}_0.${extension}`;
    objects.push({ Key: key, Body: body });
    files[status]!.push({ Key: key, Size: utf8Length(body) });
  }
  const manifestKey = `${base}manifest.json`;
  const manifest = { DestinationBucket: destination.bucket, MapRunArn: mapRunArn, ResultFiles: files };
  objects.push({ Key: manifestKey, Body: JSON.stringify(manifest) });
  return { objects, manifestKey, written: groups.SUCCEEDED.length + groups.FAILED.length };
}

/** The state's output when WriterConfig alone shapes it: every iteration's result, transformed. */
export function transformedResults(progress: ChildrenProgress, writer: ResultWriter): Json[] {
  return resultGroups(progress, writer).ordered;
}

function resultGroups(
  progress: ChildrenProgress,
  writer: ResultWriter,
): Record<"SUCCEEDED" | "FAILED" | "PENDING" | "ordered", Json[]> {
  const failed = new Set(progress.toleratedIndexes);
  if (progress.failedIndex !== undefined) failed.add(progress.failedIndex);
  const notStarted = new Set(progress.order ? progress.order.slice(progress.nextIndex) : []);
  const started = (index: number) => (progress.order ? !notStarted.has(index) : index < progress.nextIndex);
  const groups: Record<"SUCCEEDED" | "FAILED" | "PENDING" | "ordered", Json[]> = {
    SUCCEEDED: [],
    FAILED: [],
    PENDING: [],
    ordered: [],
  };
  const settled = progress.done + progress.failed === progress.inputs.length;
  progress.inputs.forEach((input, index) => {
    const result = progress.results[index] ?? null;
    if (failed.has(index)) {
      const failure = isJsonObject(result) ? result : {};
      const failedEntry = {
        Cause: failure.Cause ?? null,
        Error: failure.Error ?? null,
        ...entry(index, input),
        Status: "FAILED",
      };
      groups.FAILED.push(failedEntry);
      groups.ordered.push(failedEntry);
    } else if (settled || (started(index) && result !== null)) {
      const shaped =
        writer.transformation === "NONE"
          ? [
              {
                ...entry(index, input),
                Output: jsonText(result),
                OutputDetails: { Included: true },
                Status: "SUCCEEDED",
              },
            ]
          : writer.transformation === "FLATTEN" && Array.isArray(result)
            ? result
            : [result];
      groups.SUCCEEDED.push(...shaped);
      groups.ordered.push(...shaped);
    } else {
      groups.PENDING.push({ ...entry(index, input), Status: "PENDING" });
    }
  });
  return groups;
}

function entry(index: number, input: Json): JsonObject {
  return { Input: jsonText(input), InputDetails: { Included: true }, Name: String(index) };
}

/** Bytes of `text` in UTF-8 (the manifest's `Size`), without TextEncoder so the core stays environment-free. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
