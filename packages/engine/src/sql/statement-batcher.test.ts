import { describe, expect, test } from "vitest";
import { StatementBatcher } from "./statement-batcher.ts";

/** A `run` whose statements complete when the test says so; it records each batch it was given. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve, reject) => {
      finish.push(() =>
        items.includes(-1) ? reject(new Error("refused -1")) : resolve(items.map((i) => i * 10)),
      );
    });
  };
  return { batches, finish, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("StatementBatcher", () => {
  test("sends a lone call at once and groups the calls that arrive while it is in flight", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, { maxInFlight: 1 });
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    expect(batches).toEqual([[1]]);
    finish.shift()!();
    expect(await first).toBe(10);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish.shift()!();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  test("keeps at most maxInFlight statements and maxBatch calls per statement", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, { maxInFlight: 2, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((i) => batcher.submit(i));
    expect(batches).toEqual([[1], [2]]);
    finish.shift()!();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    while (finish.length > 0) {
      finish.shift()!();
      await tick();
    }
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6], [7]]);
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  test("fails only the call its statement refuses: a failing batch is sent again call by call", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, { maxInFlight: 1 });
    const all = Promise.allSettled([0, 5, -1, 6].map((i) => batcher.submit(i)));
    for (let i = 0; i < 20 && (finish.length > 0 || batches.length < 5); i++) {
      finish.shift()?.();
      await tick();
    }
    expect(batches).toEqual([[0], [5, -1, 6], [5], [-1], [6]]);
    expect(await all).toEqual([
      { status: "fulfilled", value: 0 },
      { status: "fulfilled", value: 50 },
      { status: "rejected", reason: new Error("refused -1") },
      { status: "fulfilled", value: 60 },
    ]);
  });

  test("never puts two calls with the same key in one statement", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, {
      maxInFlight: 1,
      keyOf: (i) => (i === 0 ? undefined : String(i % 2)),
    });
    const all = [0, 1, 2, 3, 0, 4].map((i) => batcher.submit(i));
    finish.shift()!();
    await tick();
    expect(batches).toEqual([[0], [1, 2, 0]]);
    finish.shift()!();
    await tick();
    expect(batches.at(-1)).toEqual([3, 4]);
    finish.shift()!();
    expect(await Promise.all(all)).toEqual([0, 10, 20, 30, 0, 40]);
  });

  test("sends a call only once the statement carrying an earlier call with its key has finished", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, { maxInFlight: 2, keyOf: (i) => String(i % 2) });
    const all = [1, 3, 2].map((i) => batcher.submit(i));
    // 3 shares 1's key: it waits although a second statement could go; 2 does not wait.
    expect(batches).toEqual([[1], [2]]);
    finish.shift()!();
    await tick();
    expect(batches).toEqual([[1], [2], [3]]);
    finish.shift()!();
    finish.shift()!();
    expect(await Promise.all(all)).toEqual([10, 30, 20]);
  });

  test("coalesceTurn: while a statement is in flight, the calls of one turn share the next statement", async () => {
    const { batches, finish, run } = controlledRun();
    const batcher = new StatementBatcher(run, { maxInFlight: 4, coalesceTurn: true });
    const first = batcher.submit(1);
    // Without the option, 2, 3 and 4 would each take a free slot alone.
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    expect(batches).toEqual([[1]]);
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish.shift()!();
    finish.shift()!();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    // Idle again: a lone call goes at once.
    const alone = batcher.submit(5);
    expect(batches.at(-1)).toEqual([5]);
    finish.shift()!();
    expect(await alone).toBe(50);
  });
});
