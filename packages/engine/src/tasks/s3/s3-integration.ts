import { isJsonObject, jsonText, type Json, type JsonObject } from "@stepflow/asl";
import { ObjectStoreError, type ObjectStore } from "../../ports/object-store.ts";
import type { IntegrationOutcome, IntegrationRequest, TaskIntegration } from "../task-integration.ts";

/**
 * The `s3` service integration on the engine's {@link ObjectStore}: the Task resources
 * `arn:aws:states:::aws-sdk:s3:getObject|putObject|listObjectsV2` (also without `aws-sdk:`), answered in the
 * AWS SDK's shape (`Body`, `ETag`, `Contents`, ...), and a Distributed Map's own calls: its ItemReader
 * (`getObject`, or `listObjectsV2` read to the end) and its ResultWriter (`putObject` of every result file,
 * `{ Bucket, Objects: [{ Key, Body }] }`). Errors are named as aws-sdk integrations name them:
 * `S3.NoSuchKeyException`, `S3.NoSuchBucketException`, else `S3.S3Exception`; unusable parameters fail with
 * States.Runtime. Puts overwrite, so a call delivered twice leaves the same objects.
 */
export function createS3Integration(objects: () => ObjectStore): TaskIntegration {
  return async (task: IntegrationRequest): Promise<IntegrationOutcome> => {
    const params = isJsonObject(task.input) ? task.input : {};
    try {
      switch (task.action) {
        case "getObject":
          return await getObject(objects(), params, task.signal);
        case "putObject":
          return task.purpose === "ResultWriter"
            ? await putResults(objects(), params, task.signal)
            : await putObject(objects(), params, task.signal);
        case "listObjectsV2":
          return await listObjects(objects(), params, task.signal, task.purpose === "ItemReader");
        default:
          return unusable(
            task,
            `the action '${task.action}' is not supported (getObject, putObject, listObjectsV2)`,
          );
      }
    } catch (error) {
      if (task.signal.aborted) throw error;
      if (error instanceof ParameterError) return unusable(task, error.message);
      if (error instanceof ObjectStoreError) return { error: s3ErrorName(error.code), cause: error.message };
      throw error;
    }
  };
}

async function getObject(
  store: ObjectStore,
  params: JsonObject,
  signal: AbortSignal,
): Promise<IntegrationOutcome> {
  const found = await store.get(text(params, "Bucket"), text(params, "Key"), signal);
  const output: JsonObject = {
    AcceptRanges: "bytes",
    Body: Buffer.from(found.body).toString("utf8"),
    ContentLength: found.size,
    ContentType: found.contentType ?? "application/octet-stream",
    ETag: found.etag,
    LastModified: found.lastModified.toISOString(),
    Metadata: {},
  };
  return { output };
}

async function putObject(
  store: ObjectStore,
  params: JsonObject,
  signal: AbortSignal,
): Promise<IntegrationOutcome> {
  const body = params.Body ?? "";
  const contentType = typeof params.ContentType === "string" ? params.ContentType : undefined;
  const { etag } = await store.put(text(params, "Bucket"), text(params, "Key"), bodyText(body), {
    contentType,
    signal,
  });
  return { output: { ETag: etag } };
}

async function putResults(
  store: ObjectStore,
  params: JsonObject,
  signal: AbortSignal,
): Promise<IntegrationOutcome> {
  const bucket = text(params, "Bucket");
  const files = Array.isArray(params.Objects) ? params.Objects : [];
  // In order: manifest.json is last, so a reader who finds it finds every file it lists.
  for (const file of files) {
    const fields = isJsonObject(file) ? file : {};
    await store.put(bucket, text(fields, "Key"), bodyText(fields.Body ?? ""), {
      contentType: "application/json",
      signal,
    });
  }
  return { output: { Bucket: bucket, Written: files.length } };
}

async function listObjects(
  store: ObjectStore,
  params: JsonObject,
  signal: AbortSignal,
  all: boolean,
): Promise<IntegrationOutcome> {
  const bucket = text(params, "Bucket");
  const prefix = optionalText(params, "Prefix");
  const maxKeys = typeof params.MaxKeys === "number" ? params.MaxKeys : undefined;
  let token = optionalText(params, "ContinuationToken");
  const contents: Json[] = [];
  for (;;) {
    const page = await store.list(bucket, {
      prefix,
      continuationToken: token,
      startAfter: optionalText(params, "StartAfter"),
      maxKeys: all ? 1000 : maxKeys,
      signal,
    });
    for (const o of page.objects) {
      contents.push({
        ETag: o.etag,
        Key: o.key,
        LastModified: o.lastModified.toISOString(),
        Size: o.size,
        StorageClass: o.storageClass,
      });
    }
    token = page.nextContinuationToken;
    if (!all || token === undefined) break;
  }
  const output: JsonObject = {
    Contents: contents,
    IsTruncated: token !== undefined,
    KeyCount: contents.length,
    MaxKeys: maxKeys ?? 1000,
    Name: bucket,
    Prefix: prefix ?? "",
  };
  if (token !== undefined) output.NextContinuationToken = token;
  return { output };
}

class ParameterError extends Error {}

function text(params: JsonObject, field: string): string {
  const value = params[field];
  if (typeof value !== "string" || value === "")
    throw new ParameterError(`${field} must be a non-empty string`);
  return value;
}

function optionalText(params: JsonObject, field: string): string | undefined {
  const value = params[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new ParameterError(`${field} must be a string`);
  return value;
}

/** A string Body is stored as is; any other JSON value as its JSON text. */
function bodyText(body: Json): string {
  return typeof body === "string" ? body : jsonText(body);
}

function s3ErrorName(code: string): string {
  if (code === "NoSuchKey" || code === "NoSuchBucket") return `S3.${code}Exception`;
  return "S3.S3Exception";
}

function unusable(task: IntegrationRequest, problem: string): IntegrationOutcome {
  return {
    error: "States.Runtime",
    cause: `The parameters of the S3 call of state '${task.stateName}' could not be used: ${problem}`,
  };
}
