import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import {
  ObjectStoreError,
  ObjectStoreErrorCode,
  type ListOptions,
  type ObjectListing,
  type ObjectStore,
  type StoredObject,
} from "../ports/object-store.ts";

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Temporary files of writes in progress; never listed. */
const TEMP_PREFIX = ".stepflow-tmp-";

/**
 * An {@link ObjectStore} in a local directory (embedded mode): bucket `b` is the subdirectory `root/b`, which
 * must exist (as an S3 bucket must); key `a/b.json` is the file `root/b/a/b.json`, so files dropped in by hand
 * are objects. Writes go to a temporary file renamed into place, so a reader never sees half an object.
 * Keys with empty, `.` or `..` segments are refused (InvalidArgument); ETags are the MD5 of the content.
 */
export function createDirectoryObjectStore(root: string): ObjectStore {
  const bucketDir = async (bucket: string): Promise<string> => {
    if (!BUCKET_NAME.test(bucket)) {
      throw new ObjectStoreError(
        ObjectStoreErrorCode.InvalidBucketName,
        `The bucket name '${bucket}' is not valid: use 3-63 lower-case letters, digits, '.' and '-'`,
      );
    }
    const dir = join(root, bucket);
    const found = await stat(dir).catch(() => undefined);
    if (!found?.isDirectory()) {
      throw new ObjectStoreError(
        ObjectStoreErrorCode.NoSuchBucket,
        `The specified bucket does not exist: create the directory ${dir}`,
      );
    }
    return dir;
  };

  return {
    async get(bucket, key) {
      const path = objectPath(await bucketDir(bucket), key);
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch (error) {
        if (isMissing(error)) throw noSuchKey(key);
        throw error;
      }
      const info = await stat(path);
      return {
        body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
        size: body.byteLength,
        etag: etagOf(body),
        lastModified: info.mtime,
        contentType: contentTypeOf(key),
      } satisfies StoredObject;
    },

    async put(bucket, key, body) {
      const path = objectPath(await bucketDir(bucket), key);
      const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body);
      await mkdir(dirname(path), { recursive: true });
      const temp = join(dirname(path), `${TEMP_PREFIX}${randomUUID()}`);
      try {
        await writeFile(temp, bytes);
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      return { etag: etagOf(bytes) };
    },

    async list(bucket, options: ListOptions = {}): Promise<ObjectListing> {
      const dir = await bucketDir(bucket);
      const prefix = options.prefix ?? "";
      const after = options.continuationToken
        ? Buffer.from(options.continuationToken, "base64url").toString("utf8")
        : (options.startAfter ?? "");
      const maxKeys = Math.min(Math.max(options.maxKeys ?? 1000, 0), 1000);
      const keys = (await walk(dir, ""))
        .filter((k) => k.startsWith(prefix) && (after === "" || byteCompare(k, after) > 0))
        .sort(byteCompare);
      const page = keys.slice(0, maxKeys);
      const objects = await Promise.all(
        page.map(async (key) => {
          const path = join(dir, ...key.split("/"));
          const [info, body] = await Promise.all([stat(path), readFile(path)]);
          return {
            key,
            size: info.size,
            etag: etagOf(body),
            lastModified: info.mtime,
            storageClass: "STANDARD",
          };
        }),
      );
      const last = page.at(-1);
      return {
        objects,
        nextContinuationToken:
          keys.length > page.length && last !== undefined
            ? Buffer.from(last, "utf8").toString("base64url")
            : undefined,
      };
    },

    close: () => Promise.resolve(),
  };
}

function objectPath(dir: string, key: string): string {
  const segments = key.split("/");
  if (key === "" || segments.some((s) => s === "" || s === "." || s === ".." || s.includes(sep))) {
    throw new ObjectStoreError(
      ObjectStoreErrorCode.InvalidArgument,
      `The key '${key}' cannot be stored in a directory: use '/'-separated names without empty, '.' or '..' parts`,
    );
  }
  return join(dir, ...segments);
}

async function walk(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const keys: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(TEMP_PREFIX)) continue;
    const key = `${prefix}${entry.name}`;
    if (entry.isDirectory()) keys.push(...(await walk(join(dir, entry.name), `${key}/`)));
    else if (entry.isFile()) keys.push(key);
  }
  return keys;
}

/** S3 orders keys by their UTF-8 bytes. */
function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function etagOf(body: Uint8Array): string {
  return `"${createHash("md5").update(body).digest("hex")}"`;
}

function contentTypeOf(key: string): string {
  if (key.endsWith(".json")) return "application/json";
  if (key.endsWith(".csv")) return "text/csv";
  if (key.endsWith(".jsonl")) return "application/jsonl";
  return "application/octet-stream";
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

function noSuchKey(key: string): ObjectStoreError {
  return new ObjectStoreError(ObjectStoreErrorCode.NoSuchKey, `The specified key does not exist: ${key}`);
}
