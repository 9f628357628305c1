import { describe, expect, test } from "vitest";
import { DueHeap } from "./due-heap.ts";

describe("DueHeap", () => {
  test("pops in due order, whatever the push order", () => {
    // A fixed pseudo-random sequence (LCG) so the test is the same on every run.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const size of [0, 1, 2, 3, 7, 100, 1000]) {
      const heap = new DueHeap<{ dueAt: number }>();
      const values = Array.from({ length: size }, () => next() % 500);
      for (const dueAt of values) heap.push({ dueAt });
      expect(heap.size).toBe(size);
      const popped: number[] = [];
      for (let item = heap.pop(); item !== undefined; item = heap.pop()) popped.push(item.dueAt);
      expect(popped).toEqual(values.toSorted((a, b) => a - b));
      expect(heap.peek()).toBeUndefined();
    }
  });

  test("interleaved pushes and pops keep the minimum on top", () => {
    const heap = new DueHeap<{ dueAt: number }>();
    for (const dueAt of [5, 3, 9]) heap.push({ dueAt });
    expect(heap.pop()?.dueAt).toBe(3);
    heap.push({ dueAt: 1 });
    heap.push({ dueAt: 7 });
    expect(heap.peek()?.dueAt).toBe(1);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()].map((item) => item?.dueAt)).toEqual([1, 5, 7, 9]);
  });
});
