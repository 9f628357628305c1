import { expect, test } from "vitest";
import { parseInt8, parseInt8Elements } from "./parse-int8.ts";

test.each([
  ["0", 0],
  ["-1", -1],
  ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ["-9007199254740991", -Number.MAX_SAFE_INTEGER],
])("parseInt8(%s) is %d", (text, value) => {
  expect(parseInt8(text)).toBe(value);
});

test.each(["9007199254740992", "-9007199254740992", "9223372036854775807"])(
  "parseInt8(%s) throws",
  (text) => {
    expect(() => parseInt8(text)).toThrow(RangeError);
    expect(() => parseInt8(text)).toThrow(`bigint value ${text} is outside`);
  },
);

test("parseInt8Elements parses nested arrays and keeps NULLs", () => {
  expect(
    parseInt8Elements([
      ["1", null],
      ["-2", "3"],
    ]),
  ).toEqual([
    [1, null],
    [-2, 3],
  ]);
});
