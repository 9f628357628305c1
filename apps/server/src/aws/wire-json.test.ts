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
