import { createBullmqTaskQueue, createMemoryTaskQueue } from "@stepflow/engine";
import { describe, expect, expectTypeOf, test } from "vitest";
import { redisPrefix, serviceUrl } from "../../../test/support/index.ts";
import { createWorker, defineHandler, Worker, type TaskContext } from "../src/index.ts";
import { workerSuite } from "./support/worker-suite.ts";

// Fast redelivery, so tests of handed-back tasks take milliseconds.
const retry = { attempts: 50, baseDelayMs: 20, maxDelayMs: 100 };

workerSuite("the memory queue", () => {
  const queue = createMemoryTaskQueue({ retry });
  return Promise.resolve({ queue, dispose: () => queue.close() });
});

// Without REDIS_URL a developer sees this block skipped by name; CI always sets it.
describe.skipIf(serviceUrl("REDIS_URL") === undefined)("BullMQ on Redis", () => {
  workerSuite("BullMQ", async () => {
    const redis = await redisPrefix({ label: "worker" });
    const queue = createBullmqTaskQueue({ connection: redis.url, prefix: redis.prefix.slice(0, -1), retry });
    return {
      queue,
      dispose: async () => {
        await queue.close();
        await redis.cleanup();
      },
    };
  });
});

describe("Worker options", () => {
  const queue = createMemoryTaskQueue();

  test.each([
    ["no handlers", { handlers: {} }, "at least one handler"],
    ["a handler that is not a function", { handlers: { a: "nope" as unknown as () => void } }, 'handler "a"'],
    ["a bad concurrency", { handlers: { a: (): number => 1 }, concurrency: 0 }, "concurrency"],
  ])("refuses %s", (_label, options, message) => {
    expect(() => new Worker({ queue, ...options })).toThrow(message);
  });

  test("createWorker starts the worker; it cannot be started twice", async () => {
    const worker = await createWorker({ queue, name: "w", handlers: { a: () => 1 } });
    await expect(worker.start()).rejects.toThrow("it is running");
    await worker.close();
    await expect(worker.start()).rejects.toThrow("it is closed");
  });
});

interface Refund {
  orderId: string;
}

describe("typed handlers", () => {
  test("defineHandler carries input and output types into the handler", () => {
    const charge = defineHandler<{ orderId: string }, { chargeId: string }>((input, ctx) => {
      expectTypeOf(input).toEqualTypeOf<{ orderId: string }>();
      expectTypeOf(ctx).toEqualTypeOf<TaskContext>();
      return { chargeId: `ch-${input.orderId}` };
    });
    // @ts-expect-error the output type is enforced
    defineHandler<{ orderId: string }, { chargeId: string }>(() => ({ chargeId: 7 }));
    const worker = new Worker({
      queue: createMemoryTaskQueue(),
      handlers: {
        charge,
        refund: (input: Refund) => ({ refunded: input.orderId }),
        inline: (input, ctx) => {
          expectTypeOf(input).toEqualTypeOf<unknown>();
          expectTypeOf(ctx).toEqualTypeOf<TaskContext>();
          return null;
        },
      },
    });
    expectTypeOf(worker.name).toEqualTypeOf<string>();
  });
});
