import type * as S3SdkModule from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { ObjectStoreError, type ObjectStore } from "../ports/object-store.ts";

type S3Sdk = typeof S3SdkModule;

// Loaded on first use: most processes never touch S3, and loading the SDK with the engine made importing
// @stepflow/engine take 600 ms instead of 465 (and held a few MB more).
let sdk: Promise<S3Sdk> | undefined;
const loadSdk = (): Promise<S3Sdk> => (sdk ??= import("@aws-sdk/client-s3"));

/** Where an S3-compatible service is and how to sign for it. */
export interface S3ObjectStoreOptions {
  /** e.g. `http://127.0.0.1:9000` (MinIO) ; unset: AWS S3 of `region`. */
  endpoint?: string | undefined;
  region?: string | undefined;
  /** Unset: the AWS SDK's default credential chain (AWS_ACCESS_KEY_ID, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/**
 * An {@link ObjectStore} on S3 or an S3-compatible service (MinIO, Ceph, LocalStack) through
 * `@aws-sdk/client-s3`. A custom endpoint is addressed path-style (`endpoint/bucket/key`), which every
 * S3-compatible server accepts. S3's error codes become {@link ObjectStoreError} codes as they are.
 */
export function createS3ObjectStore(options: S3ObjectStoreOptions = {}): ObjectStore {
  let opened: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;
  const open = () =>
    (opened ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region ?? "us-east-1",
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
    })));
  return {
    async get(bucket, key, signal) {
      const { sdk, client } = await open();
      const out = await call(sdk, () =>
        client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }), aborts(signal)),
      );
      const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      return {
        body,
        size: body.byteLength,
        etag: out.ETag ?? "",
        lastModified: out.LastModified ?? new Date(0),
        contentType: out.ContentType,
      };
    },
    async put(bucket, key, body, put = {}) {
      const { sdk, client } = await open();
      const out = await call(sdk, () =>
        client.send(
          new sdk.PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ...(put.contentType ? { ContentType: put.contentType } : {}),
          }),
          aborts(put.signal),
        ),
      );
      return { etag: out.ETag ?? "" };
    },
    // Lists with ListObjects (V1) paged by Marker, our token being the last key encoded: the same listing as
    // ListObjectsV2 on S3, and it also works on S3-compatible servers whose V2 continuation tokens do not
    // (s3rver's are DES-encrypted, which OpenSSL 3 no longer offers, so any truncated V2 listing fails there).
    async list(bucket, list = {}) {
      const startAfter = list.continuationToken
        ? Buffer.from(list.continuationToken, "base64url").toString("utf8")
        : list.startAfter;
      const { sdk, client } = await open();
      const out = await call(sdk, () =>
        client.send(
          new sdk.ListObjectsCommand({
            Bucket: bucket,
            ...(list.prefix ? { Prefix: list.prefix } : {}),
            ...(startAfter ? { Marker: startAfter } : {}),
            ...(list.maxKeys !== undefined ? { MaxKeys: list.maxKeys } : {}),
          }),
          aborts(list.signal),
        ),
      );
      const objects = (out.Contents ?? []).map((o) => ({
        key: o.Key ?? "",
        size: o.Size ?? 0,
        etag: o.ETag ?? "",
        lastModified: o.LastModified ?? new Date(0),
        storageClass: o.StorageClass ?? "STANDARD",
      }));
      const last = objects.at(-1)?.key;
      return {
        objects,
        nextContinuationToken:
          out.IsTruncated && last !== undefined ? Buffer.from(last, "utf8").toString("base64url") : undefined,
      };
    },
    async close() {
      if (opened) (await opened).client.destroy();
    },
  };
}

function aborts(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal ? { abortSignal: signal } : {};
}

/** S3's answer as an ObjectStoreError; network failures and aborts pass through unchanged. */
async function call<T>(sdk: S3Sdk, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof sdk.S3ServiceException) {
      const code = (error as { Code?: unknown }).Code;
      throw new ObjectStoreError(typeof code === "string" ? code : error.name, error.message);
    }
    throw error;
  }
}
