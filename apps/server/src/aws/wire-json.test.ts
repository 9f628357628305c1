import { expect, it } from "vitest";
import { wireJson } from "./wire-json.ts";

it("sends dates as epoch seconds, nested too, and leaves out undefined members", () => {
  const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
  expect(JSON.parse(wireJson({ creationDate: at, list: [{ d: at }], gone: undefined, n: 1 }))).toEqual({
    creationDate: 1767323045.678,
    list: [{ d: 1767323045.678 }],
    n: 1,
  });
});

it("serialises what has no Date exactly as JSON.stringify does, nested arrays and nulls included", () => {
  const value = { a: [1, null, { b: "x", c: [[true]] }], d: null, e: { f: 1.5 } };
  expect(wireJson(value)).toBe(JSON.stringify(value));
  const at = new Date(0);
  const shared = { when: at };
  const out: unknown = JSON.parse(wireJson({ items: [shared, { when: undefined }, "s"], same: shared }));
  expect(out).toEqual({ items: [{ when: 0 }, {}, "s"], same: { when: 0 } });
  // The caller's objects are not changed.
  expect(shared.when).toBe(at);
});
