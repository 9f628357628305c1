/** One stored object, read whole. */
export interface StoredObject {
  body: Uint8Array;
  size: number;
  /** Quoted, as S3 gives it: `"<md5 hex>"` for an object put in one request. */
  etag: string;
  lastModified: Date;
  contentType: string | undefined;
}

/** One entry of a listing. */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
  storageClass: string;
}

/** A page of a listing, keys in ascending (UTF-8 byte) order. */
export interface ObjectListing {
  objects: ListedObject[];
  /** Present when more keys follow: pass it back to get the next page. */
  nextContinuationToken: string | undefined;
}

/** What to list. */
export interface ListOptions {
  prefix?: string | undefined;
  continuationToken?: string | undefined;
  startAfter?: string | undefined;
  /** At most this many keys (1..1000, default 1000), as S3's ListObjectsV2. */
  maxKeys?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Objects in buckets, the S3 way: what a Distributed Map's ItemReader reads, its ResultWriter writes, and the
 * `s3:*` Tasks call. Adapters: a local directory (a bucket is a subdirectory) and any S3-compatible service.
 * Failures are {@link ObjectStoreError}s with S3's error codes.
 */
export interface ObjectStore {
  get(bucket: string, key: string, signal?: AbortSignal): Promise<StoredObject>;
  put(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    options?: { contentType?: string | undefined; signal?: AbortSignal | undefined },
  ): Promise<{ etag: string }>;
  list(bucket: string, options?: ListOptions): Promise<ObjectListing>;
  /** Releases connections (the S3 client's sockets). */
  close(): Promise<void>;
}

/** S3's error codes that both adapters give; anything else an S3 service answers keeps its own code. */
export const ObjectStoreErrorCode = {
  NoSuchBucket: "NoSuchBucket",
  NoSuchKey: "NoSuchKey",
  InvalidBucketName: "InvalidBucketName",
  InvalidArgument: "InvalidArgument",
  AccessDenied: "AccessDenied",
} as const;

/** A failed object store call: `code` is S3's error code (`NoSuchKey`, `NoSuchBucket`, ...). */
export class ObjectStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ObjectStoreError";
  }
}
