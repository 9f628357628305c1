import { describe, expect, it } from "vitest";
import { ExactTextTable } from "./exact-text-table.ts";

describe("ExactTextTable", () => {
  it("finds exactly the keys it holds, short, long, empty and beyond the basic plane", () => {
    const keys = [
      "",
      "a",
      "ab",
      "com.shop.svc-1",
      "com.shop.svc-10",
      "é",
      "😀x",
      "x".repeat(26),
      "y".repeat(27),
    ];
    for (let i = 0; i < 500; i++) keys.push(`svc-${i}`);
    const table = new ExactTextTable(new Map(keys.map((key, value) => [key, value])));
    keys.forEach((key, value) => expect(table.get(key)).toBe(value));
    for (const other of [
      "b",
      "abc",
      "com.shop.svc-",
      "com.shop.svc-100",
      "x".repeat(25),
      "y".repeat(28),
      "😀",
      "svc-500",
    ])
      expect(table.get(other)).toBe(-1);
  });

  it("answers -1 when empty", () => {
    expect(new ExactTextTable(new Map()).get("a")).toBe(-1);
  });
});
