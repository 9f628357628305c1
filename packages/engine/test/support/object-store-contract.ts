import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ObjectStoreError, type ObjectStore } from "../../src/ports/object-store.ts";

/** One adapter under test, with a way to make buckets (not part of the port: buckets are set up outside). */
export interface ObjectStoreSubject {
  readonly store: ObjectStore;
  createBucket(name: string): Promise<void>;
}

/** Makes a fresh adapter; the suite closes it after each test. */
export type ObjectStoreFactory = () => Promise<ObjectStoreSubject>;

const text = (body: Uint8Array) => Buffer.from(body).toString("utf8");
const md5 = (body: string) => `"${createHash("md5").update(body, "utf8").digest("hex")}"`;

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ObjectStoreError) return error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** The behaviour every {@link ObjectStore} adapter shares (S3's, as far as Stepflow uses it). */
export function objectStoreContract(name: string, factory: ObjectStoreFactory): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let subject: ObjectStoreSubject;
    let bucket: string;
    beforeEach(async () => {
      subject = await factory();
      bucket = `b-${randomBytes(6).toString("hex")}`;
      await subject.createBucket(bucket);
    });
    afterEach(async () => {
      await subject.store.close();
    });

    test("puts and gets an object: bytes, size, MD5 ETag, a recent LastModified", async () => {
      const body = '[{"name":"Zoë"}]';
      const { etag } = await subject.store.put(bucket, "in/items.json", body, {
        contentType: "application/json",
      });
      expect(etag).toBe(md5(body));
      const got = await subject.store.get(bucket, "in/items.json");
      expect(text(got.body)).toBe(body);
      expect(got.size).toBe(Buffer.byteLength(body));
      expect(got.etag).toBe(md5(body));
      expect(Math.abs(got.lastModified.getTime() - Date.now())).toBeLessThan(120_000);
    });

    test("a second put replaces the object", async () => {
      await subject.store.put(bucket, "k.txt", "one");
      await subject.store.put(bucket, "k.txt", "two!");
      expect(text((await subject.store.get(bucket, "k.txt")).body)).toBe("two!");
    });

    test("names a missing key NoSuchKey and a missing bucket NoSuchBucket", async () => {
      expect(await codeOf(subject.store.get(bucket, "absent.json"))).toBe("NoSuchKey");
      const missing = `${bucket}-gone`;
      expect(await codeOf(subject.store.get(missing, "k"))).toBe("NoSuchBucket");
      expect(await codeOf(subject.store.put(missing, "k", "x"))).toBe("NoSuchBucket");
      expect(await codeOf(subject.store.list(missing))).toBe("NoSuchBucket");
    });

    test("lists keys under a prefix in byte order, with sizes and ETags", async () => {
      for (const key of ["p/b.json", "p/a.json", "p/é.json", "p/sub/c.json", "q/d.json"]) {
        await subject.store.put(bucket, key, key.toUpperCase());
      }
      const listing = await subject.store.list(bucket, { prefix: "p/" });
      expect(listing.objects.map((o) => o.key)).toEqual(["p/a.json", "p/b.json", "p/sub/c.json", "p/é.json"]);
      expect(listing.objects[0]).toMatchObject({ size: 8, etag: md5("P/A.JSON"), storageClass: "STANDARD" });
      expect(listing.nextContinuationToken).toBeUndefined();
      expect((await subject.store.list(bucket, { prefix: "none/" })).objects).toEqual([]);
    });

    test("pages a listing with continuation tokens, each key once", async () => {
      const keys = Array.from({ length: 5 }, (_, i) => `k${i}`);
      for (const key of keys) await subject.store.put(bucket, key, "x");
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await subject.store.list(bucket, { maxKeys: 2, continuationToken: token });
        seen.push(...page.objects.map((o) => o.key));
        token = page.nextContinuationToken;
        pages++;
      } while (token !== undefined);
      expect(seen).toEqual(keys);
      expect(pages).toBe(3);
      const after = await subject.store.list(bucket, { startAfter: "k2" });
      expect(after.objects.map((o) => o.key)).toEqual(["k3", "k4"]);
    });
  });
}
