import { randomBytes } from "node:crypto";
import type { Json } from "@stepflow/asl";
import { afterEach, describe, expect, test } from "vitest";
import type { TaskQueue } from "../../src/ports/task-queue.ts";
import type { StreamEntry } from "../../src/ports/task-stream.ts";
import type { RetryPolicy } from "../../src/queue/retry-policy.ts";
import { deferred, eventually, sleep } from "./task-queue-contract.ts";

/** What the stream suite asks of every adapter it makes. */
export interface TaskStreamFactoryOptions {
  readonly retry: RetryPolicy;
  /** How long a consumer's unacknowledged entries stay its own (server backends). */
  readonly lockDurationMs: number;
  readonly onError: (error: Error) => void;
}

/** Makes a fresh adapter and, for server backends, another instance on the same backend (a second process). */
export type TaskStreamFactory = (
  options: TaskStreamFactoryOptions,
) =>
  | Promise<{ queue: TaskQueue; openPeer?: () => TaskQueue }>
  | { queue: TaskQueue; openPeer?: () => TaskQueue };

const retry: RetryPolicy = { attempts: 50, baseDelayMs: 20, maxDelayMs: 100 };
const lockDurationMs = 1500;

/** The behaviour of the {@link TaskStream} half of every TaskQueue adapter. */
export function taskStreamContract(name: string, factory: TaskStreamFactory): void {
  describe(`TaskStream contract: ${name}`, () => {
    const opened: TaskQueue[] = [];
    const backgroundErrors: Error[] = [];
    let openPeer: (() => TaskQueue) | undefined;
    let stream: string;

    const open = async (): Promise<TaskQueue> => {
      const subject = await factory({
        retry,
        lockDurationMs,
        onError: (error) => backgroundErrors.push(error),
      });
      opened.push(subject.queue);
      openPeer = subject.openPeer;
      stream = `s-${randomBytes(4).toString("hex")}:x`;
      return subject.queue;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
      expect(backgroundErrors.splice(0).map(String)).toEqual([]);
    });

    test("appended entries arrive once each, in order, in batches no larger than asked, and are gone once handled", async () => {
      const queue = await open();
      const shapes: Json[] = [
        { text: "héllo", list: [1, null, true], a: 1 },
        null,
        0,
        "",
        false,
        [],
        {},
        -1.25,
      ];
      await queue.append(stream, shapes);
      await queue.append(
        stream,
        Array.from({ length: 20 }, (_, i) => i),
      );
      await queue.append(stream, []);
      expect(await queue.streamLength(stream)).toBe(28);
      const batches: StreamEntry[][] = [];
      const consumer = queue.consumeStream(stream, (entries) => (batches.push(entries), Promise.resolve()), {
        batch: 5,
      });
      await eventually("every entry", () => batches.flat().length === 28);
      await sleep(200);
      await consumer.close();
      expect(batches.flat().map((entry) => entry.data)).toEqual([
        ...shapes,
        ...Array.from({ length: 20 }, (_, i) => i),
      ]);
      // Keys in the order they were written (a task's output reaches DescribeExecution as it wrote it).
      expect(JSON.stringify(batches.flat()[0]!.data)).toBe(JSON.stringify(shapes[0]));
      expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(5);
      expect(new Set(batches.flat().map((entry) => entry.id)).size).toBe(28);
      await eventually("an empty stream", async () => (await queue.streamLength(stream)) === 0);
    });

    test("a batch whose handler throws is delivered again", async () => {
      const queue = await open();
      const seen: Json[][] = [];
      const consumer = queue.consumeStream(stream, (entries) => {
        seen.push(entries.map((entry) => entry.data));
        return seen.length < 3 ? Promise.reject(new Error("not yet")) : Promise.resolve();
      });
      await queue.append(stream, ["a", "b"]);
      await eventually("three deliveries", () => seen.length === 3);
      await sleep(200);
      await consumer.close();
      expect(seen).toEqual([
        ["a", "b"],
        ["a", "b"],
        ["a", "b"],
      ]);
      await eventually("an empty stream", async () => (await queue.streamLength(stream)) === 0);
    });

    test("consumers of one stream share its entries, and none runs more handler calls than its concurrency", async () => {
      const queue = await open();
      const got: Json[] = [];
      let running = 0;
      let most = 0;
      const handler = async (entries: StreamEntry[]) => {
        most = Math.max(most, ++running);
        await sleep(5);
        got.push(...entries.map((entry) => entry.data));
        running--;
      };
      const first = queue.consumeStream(stream, handler, { batch: 3 });
      const second = queue.consumeStream(stream, handler, { batch: 3 });
      for (let i = 0; i < 10; i++) await queue.append(stream, [i * 3, i * 3 + 1, i * 3 + 2]);
      await eventually("every entry", () => got.length === 30);
      await sleep(200);
      await Promise.all([first.close(), second.close()]);
      expect(got.toSorted((a, b) => (a as number) - (b as number))).toEqual(
        Array.from({ length: 30 }, (_, i) => i),
      );
      expect(most).toBeLessThanOrEqual(2);
    });

    test("close() waits for the batch in flight; what is appended afterwards waits for the next consumer", async () => {
      const queue = await open();
      const release = deferred();
      const got: Json[] = [];
      const consumer = queue.consumeStream(stream, async (entries) => {
        await release.promise;
        got.push(...entries.map((entry) => entry.data));
      });
      await queue.append(stream, ["first"]);
      await eventually(
        "the first batch taken",
        async () => (await queue.streamLength(stream)) === 1 && (await sleep(100), true),
      );
      let closed = false;
      const closing = consumer.close().then(() => (closed = true));
      await sleep(100);
      expect(closed).toBe(false);
      release.resolve();
      await closing;
      expect(got).toEqual(["first"]);
      await queue.append(stream, ["second"]);
      await sleep(300);
      expect(got).toEqual(["first"]);
      expect(await queue.streamLength(stream)).toBe(1);
      const next = queue.consumeStream(
        stream,
        (entries) => (got.push(...entries.map((e) => e.data)), Promise.resolve()),
      );
      await eventually("the second entry", () => got.length === 2);
      await next.close();
    });

    test("entries a consumer took but never finished (its process died) go to another consumer after the lock duration", async (context) => {
      const queue = await open();
      if (openPeer === undefined) {
        context.skip();
        return;
      }
      const peer = openPeer();
      opened.push(peer);
      const stuck = deferred();
      const taken: Json[] = [];
      const dying = peer.consumeStream(stream, async (entries) => {
        taken.push(...entries.map((entry) => entry.data));
        await stuck.promise;
      });
      await queue.append(stream, ["orphan"]);
      await eventually("the peer took it", () => taken.length === 1);
      const got: Json[] = [];
      const takenAt = Date.now();
      const survivor = queue.consumeStream(
        stream,
        (entries) => (got.push(...entries.map((e) => e.data)), Promise.resolve()),
      );
      await eventually("the take-over", () => got.length === 1, 15_000);
      expect(got).toEqual(["orphan"]);
      expect(Date.now() - takenAt).toBeGreaterThanOrEqual(lockDurationMs - 200);
      await survivor.close();
      stuck.resolve();
      await dying.close();
      await eventually("an empty stream", async () => (await queue.streamLength(stream)) === 0);
    });
  });
}
