import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IntervalIndex } from "./interval-index.ts";

type Target = { seen: number; id: number };

const bound = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(-Infinity, Infinity));
const interval = fc
  .tuple(bound, bound)
  .filter(([low, high]) => Number.isFinite(low) || Number.isFinite(high))
  .map(([low, high]) => [low, high] as const);

describe("IntervalIndex", () => {
  it("finds exactly the intervals containing a value, scanning or through its tree, across removals", () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 80, size: "max" }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 10 }),
        (intervals, removals, values) => {
          const index = new IntervalIndex<Target>();
          const held = intervals.map(([low, high], id) => ({ low, high, target: { seen: 0, id } }));
          for (const { low, high, target } of held) index.add(low, high, target);
          for (const r of removals) {
            const [gone] = held.splice(r % Math.max(1, held.length), 1);
            if (gone !== undefined) index.remove(gone.low, gone.high, gone.target);
          }
          values.forEach((value, epoch) => {
            const out: Target[] = [];
            index.collect(value, epoch + 1, out);
            const expected = held.filter((i) => i.low <= value && value <= i.high).map((i) => i.target.id);
            expect(out.map((t) => t.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
