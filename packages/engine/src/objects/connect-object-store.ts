import { resolve } from "node:path";
import { createDirectoryObjectStore } from "../adapters/directory-object-store.ts";
import { createS3ObjectStore } from "../adapters/s3-object-store.ts";
import type { ObjectStore } from "../ports/object-store.ts";

/** The environment variables the object store is chosen by. */
export interface ObjectStoreEnv {
  STEPFLOW_OBJECTS_DIR?: string | undefined;
  STEPFLOW_S3_ENDPOINT?: string | undefined;
  STEPFLOW_S3_REGION?: string | undefined;
  STEPFLOW_S3_ACCESS_KEY_ID?: string | undefined;
  STEPFLOW_S3_SECRET_ACCESS_KEY?: string | undefined;
}

/** Where the embedded object store keeps its buckets when STEPFLOW_OBJECTS_DIR is not set. */
export const defaultObjectsDir = ".stepflow-data/objects";

const set = (value: string | undefined): value is string => value !== undefined && value !== "";

/**
 * The object store the environment names: S3 (or an S3-compatible service at `STEPFLOW_S3_ENDPOINT`) when
 * `STEPFLOW_S3_ENDPOINT` or `STEPFLOW_S3_REGION` is set, signed with `STEPFLOW_S3_ACCESS_KEY_ID` /
 * `STEPFLOW_S3_SECRET_ACCESS_KEY` (else the AWS SDK's default chain); otherwise a local directory,
 * `STEPFLOW_OBJECTS_DIR` (default `.stepflow-data/objects`), one subdirectory per bucket.
 */
export function connectObjectStore(env: ObjectStoreEnv): ObjectStore {
  if (set(env.STEPFLOW_S3_ENDPOINT) || set(env.STEPFLOW_S3_REGION)) {
    return createS3ObjectStore({
      endpoint: set(env.STEPFLOW_S3_ENDPOINT) ? env.STEPFLOW_S3_ENDPOINT : undefined,
      region: set(env.STEPFLOW_S3_REGION) ? env.STEPFLOW_S3_REGION : undefined,
      credentials:
        set(env.STEPFLOW_S3_ACCESS_KEY_ID) && set(env.STEPFLOW_S3_SECRET_ACCESS_KEY)
          ? { accessKeyId: env.STEPFLOW_S3_ACCESS_KEY_ID, secretAccessKey: env.STEPFLOW_S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return createDirectoryObjectStore(
    resolve(set(env.STEPFLOW_OBJECTS_DIR) ? env.STEPFLOW_OBJECTS_DIR : defaultObjectsDir),
  );
}

/** The object store the environment names, in words (no secrets), for the start-up log. */
export function describeObjectStore(env: ObjectStoreEnv): string {
  if (set(env.STEPFLOW_S3_ENDPOINT)) return `S3-compatible at ${env.STEPFLOW_S3_ENDPOINT}`;
  if (set(env.STEPFLOW_S3_REGION)) return `S3 in ${env.STEPFLOW_S3_REGION}`;
  return `directory ${resolve(set(env.STEPFLOW_OBJECTS_DIR) ? env.STEPFLOW_OBJECTS_DIR : defaultObjectsDir)}`;
}
