import { describe, expect, it } from "vitest";
import { diffStates } from "./diff-states.ts";
import { lineDiff } from "./line-diff.ts";

const before = {
  StartAt: "A",
  States: {
    A: { Type: "Pass", Next: "B" },
    B: { Type: "Pass", Next: "Fan" },
    Fan: {
      Type: "Parallel",
      Branches: [{ StartAt: "X", States: { X: { Type: "Pass", End: true } } }],
      End: true,
    },
    Gone: { Type: "Succeed" },
  },
};
const after = {
  StartAt: "A",
  States: {
    A: { Type: "Pass", Next: "New" },
    New: { Type: "Pass", Next: "B" },
    B: { Type: "Pass", Next: "Fan" },
    Fan: {
      Type: "Parallel",
      Branches: [{ StartAt: "X", States: { X: { Type: "Pass", Result: 1, End: true } } }],
      End: true,
    },
  },
};

describe("diffStates", () => {
  it("finds added, removed and changed states; a change inside a group is the child's, not the group's", () => {
    expect(diffStates(after, before)).toEqual({
      added: ["New"],
      removed: ["Gone"],
      changed: ["A", "Fan/0/X"],
    });
  });

  it("finds nothing between equal definitions", () => {
    expect(diffStates(before, structuredClone(before))).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe("lineDiff", () => {
  it.each([
    ["equal", "a\nb", "a\nb", ["=a", "=b"]],
    ["an insertion", "a\nc", "a\nb\nc", ["=a", "+b", "=c"]],
    ["a removal", "a\nb\nc", "a\nc", ["=a", "-b", "=c"]],
    ["a change", "a\nb\nc", "a\nB\nc", ["=a", "+B", "-b", "=c"]],
    ["CRLF against LF", "a\r\nb", "a\nb", ["=a", "=b"]],
  ])("%s", (_, a, b, expected) => {
    const sign = { same: "=", add: "+", del: "-" } as const;
    expect(lineDiff(a, b).map((line) => sign[line.kind] + line.text)).toEqual(expected);
  });
});
