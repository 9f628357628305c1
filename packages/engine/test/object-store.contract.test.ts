import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { createDirectoryObjectStore } from "../src/adapters/directory-object-store.ts";
import { createS3ObjectStore } from "../src/adapters/s3-object-store.ts";
import { objectStoreContract } from "./support/object-store-contract.ts";
import { startLocalS3, type LocalS3 } from "./support/s3-server.ts";

describe("directory", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "stepflow-objects-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });
  objectStoreContract("directory", () =>
    Promise.resolve({
      store: createDirectoryObjectStore(root),
      createBucket: async (name) => {
        await mkdir(join(root, name));
      },
    }),
  );
});

describe("S3 (s3rver in this process)", () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(async () => {
    await s3.stop();
  });
  objectStoreContract("s3", () =>
    Promise.resolve({
      store: createS3ObjectStore({ endpoint: s3.endpoint, region: "us-east-1", credentials: s3.credentials }),
      createBucket: (name) => s3.createBucket(name),
    }),
  );
});
