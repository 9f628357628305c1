import { parseTree } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { locateProblem, stateIdAt } from "./problem-location.ts";

const text = `{
  "StartAt": "a.b",
  "States": {
    "a.b": { "Type": "Pass", "Next": "Fan" },
    "a": { "Type": "Pass", "End": true },
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "X", "States": { "X": { "Type": "Wait", "End": true } } }
      ],
      "End": true
    }
  }
}`;

describe("locateProblem", () => {
  const root = parseTree(text);

  it.each([
    ["States.a.b.Next", ["States", "a.b", "Next"], "a.b", '"Next": "Fan"'],
    ["States.a.End", ["States", "a", "End"], "a", '"End": true'],
    [
      "States.Fan.Branches[0].States.X.Seconds",
      ["States", "Fan", "Branches", 0, "States", "X"],
      "Fan/0/X",
      '"X"',
    ],
    ["States.Fan.Branches[0].States", ["States", "Fan", "Branches", 0, "States"], "Fan/0", '"States"'],
    ["StartAt", ["StartAt"], undefined, '"StartAt": "a.b"'],
    ["", [], undefined, "{"],
  ])("%s", (path, location, stateId, marked) => {
    const found = locateProblem(root, path);
    expect(found.location).toEqual(location);
    expect(found.stateId).toBe(stateId);
    expect(text.slice(found.from, found.to)).toBe(marked);
  });
});

describe("stateIdAt", () => {
  it.each([
    [["States", "A", "Retry", 0], "A"],
    [["States", "M", "ItemProcessor", "States", "B", "Next"], "M/B"],
    [["States", "M", "Iterator", "StartAt"], "M"],
    [["States", "P", "Branches", 1, "States", "C"], "P/1/C"],
    [["Comment"], undefined],
  ])("%j → %s", (location, id) => {
    expect(stateIdAt(location)).toBe(id);
  });
});
