import { randomBytes } from "node:crypto";
import type { Json } from "@stepflow/asl";
import { afterEach, describe, expect, test } from "vitest";
import type { QueueJob, TaskQueue } from "../../src/ports/task-queue.ts";
import type { RetryPolicy } from "../../src/queue/retry-policy.ts";

/** One adapter under test, as a contract test gets it from the factory. */
export interface TaskQueueSubject {
  readonly queue: TaskQueue;
  /** Another instance on the same backend, as a second process would open it; absent for in-process ones. */
  readonly openPeer?: () => TaskQueue;
}

/** What the suite asks of every adapter it makes. */
export interface TaskQueueFactoryOptions {
  readonly retry: RetryPolicy;
  /** Background errors; the suite fails a test during which any was reported. */
  readonly onError: (error: Error) => void;
}

/** Makes a fresh adapter; the suite closes it (and its peers) after each test. */
export type TaskQueueFactory = (
  options: TaskQueueFactoryOptions,
) => Promise<TaskQueueSubject> | TaskQueueSubject;

// Fast retries so redelivery tests take milliseconds.
const retry: RetryPolicy = { attempts: 50, baseDelayMs: 20, maxDelayMs: 100 };

/** Resolves once `condition()` holds, polling; rejects after `timeoutMs` naming `what`. */
export async function eventually(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** A promise to resolve by hand. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every {@link TaskQueue} adapter must have. Each test uses queue and topic names of its own,
 * so adapters may share one backend namespace across the tests of a file.
 */
export function taskQueueContract(name: string, factory: TaskQueueFactory): void {
  describe(`TaskQueue contract: ${name}`, () => {
    const opened: TaskQueue[] = [];
    const backgroundErrors: Error[] = [];
    let subject: TaskQueueSubject;
    let queueName: string;

    const open = async (): Promise<TaskQueue> => {
      subject = await factory({ retry, onError: (error) => backgroundErrors.push(error) });
      opened.push(subject.queue);
      queueName = `q-${randomBytes(4).toString("hex")}:x`;
      return subject.queue;
    };

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close()));
      expect(backgroundErrors.splice(0).map(String)).toEqual([]);
    });

    const recorder = () => {
      const deliveries: (QueueJob & { at: number })[] = [];
      const handler = (job: QueueJob) => {
        deliveries.push({ ...job, at: Date.now() });
        return Promise.resolve();
      };
      return { deliveries, handler };
    };

    test("a job added is delivered once, with its id, queue and data, and is gone once handled", async () => {
      const queue = await open();
      const data: Json = { text: "héllo", list: [1, null, true], nested: { n: 1.5 } };
      await queue.add(queueName, { id: "task:arn:aws:states:eu-west-1:1:execution:m:e#1", data });
      // Every JSON shape survives the trip, the ones a backend could mistake for "no data" included.
      const scalars: Json[] = [null, 0, "", false, [], {}, "text", -1.25];
      await queue.addBulk(
        queueName,
        scalars.map((value, index) => ({ id: `${index}`, data: value })),
      );
      const { deliveries, handler } = recorder();
      const consumer = queue.consume(queueName, handler);
      await eventually("every delivery", () => deliveries.length === 1 + scalars.length);
      await sleep(150);
      await consumer.close();
      expect(deliveries.map(({ at: _at, ...job }) => job)).toEqual([
        {
          id: "task:arn:aws:states:eu-west-1:1:execution:m:e#1",
          queue: queueName,
          data,
          attemptsMade: 0,
          stalls: 0,
        },
        ...scalars.map((value, index) => ({
          id: `${index}`,
          queue: queueName,
          data: value,
          attemptsMade: 0,
          stalls: 0,
        })),
      ]);
      // Keys in the order they were written (a task's input reaches its handler as the state built it).
      expect(JSON.stringify(deliveries[0]!.data)).toBe(JSON.stringify(data));
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });

    test("adding an id that is waiting, delayed or active adds nothing; once handled it can be added again", async () => {
      const queue = await open();
      await queue.add(queueName, { id: "a", data: 1 });
      await queue.add(queueName, { id: "a", data: 2 });
      await queue.add(queueName, { id: "b", data: 1, delayMs: 100 });
      await queue.add(queueName, { id: "b", data: 2 });
      await queue.addBulk(queueName, [
        { id: "c", data: 1 },
        { id: "c", data: 2 },
        { id: "a", data: 3 },
      ]);
      expect(await queue.counts(queueName)).toEqual({ waiting: 2, delayed: 1, active: 0 });
      const deliveries: string[] = [];
      const consumer = queue.consume(queueName, async (job) => {
        deliveries.push(`${job.id}=${JSON.stringify(job.data)}`);
        // Re-adding the active job's own id must not queue a second copy.
        if (job.id === "a") await queue.add(queueName, { id: "a", data: 4 });
      });
      await eventually("three deliveries", () => deliveries.length === 3);
      await sleep(200);
      expect(deliveries.toSorted()).toEqual(["a=1", "b=1", "c=1"]);
      await queue.add(queueName, { id: "a", data: 5 });
      await eventually("the re-added job", () => deliveries.length === 4);
      expect(deliveries[3]).toBe("a=5");
      await consumer.close();
    });

    test("a delayed job is not delivered before its delay; jobs added after it without delay go first", async () => {
      const queue = await open();
      const { deliveries, handler } = recorder();
      const consumer = queue.consume(queueName, handler);
      const addedAt = Date.now();
      // 1 s: on a loaded 2-core machine the second add alone can take a few hundred milliseconds.
      await queue.add(queueName, { id: "later", data: null, delayMs: 1_000 });
      await queue.add(queueName, { id: "now", data: null });
      await eventually("both jobs", () => deliveries.length === 2);
      await consumer.close();
      expect(deliveries.map((job) => job.id)).toEqual(["now", "later"]);
      expect(deliveries[1]!.at - addedAt).toBeGreaterThanOrEqual(1_000);
      // Generous upper bound: a delay must not turn into a wait for the next stalled-check or poll cycle.
      expect(deliveries[1]!.at - addedAt).toBeLessThan(4_000);
    });

    test("a handler that throws gets the job again, with attemptsMade counting the earlier deliveries", async () => {
      const queue = await open();
      const attempts: number[] = [];
      const stalls: number[] = [];
      const consumer = queue.consume(queueName, (job) => {
        attempts.push(job.attemptsMade);
        stalls.push(job.stalls);
        return job.attemptsMade < 2
          ? Promise.reject(new Error(`attempt ${job.attemptsMade} fails`))
          : Promise.resolve();
      });
      await queue.add(queueName, { id: "flaky", data: { x: 1 } });
      await eventually("three deliveries", () => attempts.length === 3);
      await sleep(300);
      await consumer.close();
      expect(attempts).toEqual([0, 1, 2]);
      // A handler that throws is a failure, not a stall: its consumer was alive to report it.
      expect(stalls).toEqual([0, 0, 0]);
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });

    test("remove takes back a waiting or delayed job, and leaves an active one alone", async () => {
      const queue = await open();
      await queue.add(queueName, { id: "waiting", data: null });
      await queue.add(queueName, { id: "delayed", data: null, delayMs: 200 });
      await queue.add(queueName, { id: "active", data: null, delayMs: 50 });
      await queue.remove(queueName, "waiting");
      await queue.remove(queueName, "delayed");
      await queue.remove(queueName, "never-added");
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 1, active: 0 });
      const release = deferred();
      const deliveries: string[] = [];
      const consumer = queue.consume(queueName, async (job) => {
        deliveries.push(job.id);
        await release.promise;
      });
      await eventually("the active job", () => deliveries.length === 1);
      await queue.remove(queueName, "active");
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 1 });
      release.resolve();
      await sleep(400);
      await consumer.close();
      expect(deliveries).toEqual(["active"]);
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });

    test("list shows the waiting jobs with their data, oldest first, a page at a time, and takes none", async () => {
      const queue = await open();
      expect(await queue.list(queueName)).toEqual([]);
      const data: Json = { token: "t", task: { input: [1, "two", null], nested: { ok: true } } };
      await queue.add(queueName, { id: "task:arn:aws:states:eu-west-1:1:execution:m:e#1", data });
      for (const id of ["b", "c", "gone", "d"]) {
        // Added one at a time so "oldest" is well defined on every backend.
        await queue.add(queueName, { id, data: id });
      }
      await queue.add(queueName, { id: "later", data: null, delayMs: 60_000 });
      await queue.remove(queueName, "gone");
      expect(await queue.list(queueName)).toEqual([
        { id: "task:arn:aws:states:eu-west-1:1:execution:m:e#1", data },
        { id: "b", data: "b" },
        { id: "c", data: "c" },
        { id: "d", data: "d" },
      ]);
      expect(await queue.list(queueName, { offset: 1, limit: 2 })).toEqual([
        { id: "b", data: "b" },
        { id: "c", data: "c" },
      ]);
      expect(await queue.list(queueName, { offset: 4 })).toEqual([]);
      await expect(queue.list(queueName, { limit: 0 })).rejects.toThrow(RangeError);
      await expect(queue.list(queueName, { offset: -1 })).rejects.toThrow(RangeError);
      expect(await queue.counts(queueName)).toEqual({ waiting: 4, delayed: 1, active: 0 });
      // An active job is not waiting: it leaves the listing while its handler runs.
      const release = deferred();
      const consumer = queue.consume(queueName, () => release.promise);
      await eventually("one active job", async () => (await queue.counts(queueName)).active === 1);
      expect((await queue.list(queueName)).map((job) => job.id)).toEqual(["b", "c", "d"]);
      release.resolve();
      await eventually("the waiting jobs done", async () => (await queue.counts(queueName)).waiting === 0);
      await consumer.close();
      expect(await queue.list(queueName)).toEqual([]);
      await queue.remove(queueName, "later");
    });

    test("a consumer never runs more handlers at once than its concurrency", async () => {
      const queue = await open();
      await queue.addBulk(
        queueName,
        Array.from({ length: 12 }, (_, index) => ({ id: `job-${index}`, data: index })),
      );
      let running = 0;
      let peak = 0;
      let done = 0;
      const consumer = queue.consume(
        queueName,
        async () => {
          running++;
          peak = Math.max(peak, running);
          await sleep(40);
          running--;
          done++;
        },
        { concurrency: 3 },
      );
      await eventually("twelve jobs", () => done === 12);
      await consumer.close();
      expect(peak).toBe(3);
    });

    test("consumer.close() waits for the handler in flight, which then completes the job", async () => {
      const queue = await open();
      const release = deferred();
      const { deliveries, handler } = recorder();
      const consumer = queue.consume(queueName, async (job) => {
        await handler(job);
        await release.promise;
      });
      await queue.add(queueName, { id: "slow", data: null });
      await eventually("the delivery", () => deliveries.length === 1);
      let closed = false;
      const closing = consumer.close().then(() => (closed = true));
      await sleep(150);
      expect(closed).toBe(false);
      release.resolve();
      await closing;
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
      const second = recorder();
      const next = queue.consume(queueName, second.handler);
      await sleep(200);
      await next.close();
      expect(second.deliveries).toEqual([]);
    });

    test("publish reaches every subscriber of the topic, and no one after unsubscribing", async () => {
      const queue = await open();
      const topic = `cancel:${queueName}`;
      const received: Json[] = [];
      const other: Json[] = [];
      const unsubscribe = await queue.subscribe(topic, (message) => received.push(message));
      const unsubscribeOther = await queue.subscribe(`${topic}-other`, (message) => other.push(message));
      await queue.publish(topic, { token: "t1", list: [1, "two"] });
      await eventually("the message", () => received.length === 1);
      expect(received).toEqual([{ token: "t1", list: [1, "two"] }]);
      await unsubscribe();
      await queue.publish(topic, { token: "t2" });
      await sleep(100);
      expect(received).toHaveLength(1);
      expect(other).toEqual([]);
      await unsubscribeOther();
    });

    test("publish reaches a subscriber of another instance (another process's view)", async (context) => {
      const queue = await open();
      if (subject.openPeer === undefined) {
        context.skip("an in-process queue has no other instance to reach");
        return;
      }
      const peer = subject.openPeer();
      opened.push(peer);
      const topic = `cancel:${queueName}`;
      const received: Json[] = [];
      await peer.subscribe(topic, (message) => received.push(message));
      await queue.publish(topic, "stop");
      await eventually("the message on the peer", () => received.length === 1);
      expect(received).toEqual(["stop"]);
      // And jobs added by one instance are consumed by the other.
      const { deliveries, handler } = recorder();
      const consumer = peer.consume(queueName, handler);
      await queue.add(queueName, { id: "cross", data: 7 });
      await eventually("the job on the peer", () => deliveries.length === 1);
      await consumer.close();
    });

    test("counts reports waiting, delayed and active jobs", async () => {
      const queue = await open();
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
      await queue.addBulk(queueName, [
        { id: "w1", data: null },
        { id: "w2", data: null },
        { id: "d1", data: null, delayMs: 60_000 },
      ]);
      expect(await queue.counts(queueName)).toEqual({ waiting: 2, delayed: 1, active: 0 });
      const release = deferred();
      const consumer = queue.consume(queueName, () => release.promise);
      await eventually("one active job", async () => (await queue.counts(queueName)).active === 1);
      expect(await queue.counts(queueName)).toEqual({ waiting: 1, delayed: 1, active: 1 });
      release.resolve();
      await eventually("the waiting jobs done", async () => (await queue.counts(queueName)).waiting === 0);
      await consumer.close();
      await queue.remove(queueName, "d1");
      expect(await queue.counts(queueName)).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });
  });
}
