import { describe, expect, it } from "vitest";
import { buildStateGraph } from "./state-graph.ts";

const definition = {
  StartAt: "Check",
  States: {
    Check: {
      Type: "Choice",
      Choices: [
        { Variable: "$.n", NumericGreaterThan: 10, Next: "Fan" },
        { Variable: "$.s", StringEquals: "x", Next: "Fan" },
        { Not: { Variable: "$.ok", IsPresent: true }, Next: "Done" },
      ],
      Default: "Done",
    },
    Fan: {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } } },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }],
      Next: "Each",
    },
    Each: {
      Type: "Map",
      Iterator: {
        StartAt: "Item",
        States: { Item: { Type: "Task", Resource: "r", End: true, Retry: [{ ErrorEquals: ["X"] }] } },
      },
      Next: "Ghost",
    },
    Done: { Type: "Succeed" },
  },
};

describe("buildStateGraph", () => {
  const graph = buildStateGraph(definition);

  it("makes a node per state and branch, parents before children, with path ids", () => {
    expect(graph.nodes.map((n) => [n.id, n.type, n.parentId])).toEqual([
      ["Check", "Choice", undefined],
      ["Fan", "Parallel", undefined],
      ["Fan/0", "Branch", "Fan"],
      ["Fan/0/A", "Pass", "Fan/0"],
      ["Fan/0/B", "Pass", "Fan/0"],
      ["Each", "Map", undefined],
      ["Each/Item", "Task", "Each"],
      ["Done", "Succeed", undefined],
    ]);
    expect(graph.nodes.find((n) => n.id === "Each/Item")).toMatchObject({
      hasRetry: true,
      isEnd: true,
      location: ["States", "Each", "Iterator", "States", "Item"],
      scope: ["States", "Each", "Iterator"],
    });
    expect(graph.nodes.filter((n) => n.isStart).map((n) => n.id)).toEqual(["Check", "Fan/0/A", "Each/Item"]);
  });

  it("makes an edge per transition kind, merging rules to one target and dropping unknown targets", () => {
    // A nested scope's edges come before its parent scope's.
    expect(graph.edges.map((e) => [e.source, e.target, e.kind, e.label])).toEqual([
      ["Fan/0/A", "Fan/0/B", "next", undefined],
      ["Check", "Fan", "choice", '$.n > 10 | $.s == "x"'],
      ["Check", "Done", "choice", "!$.ok is present"],
      ["Check", "Done", "default", "Default"],
      ["Fan", "Each", "next", undefined],
      ["Fan", "Done", "catch", "States.ALL"],
    ]);
  });

  it.each([null, 3, "text", [], { States: 1 }, { States: { A: 1 } }])("tolerates %j", (value) => {
    expect(buildStateGraph(value)).toEqual({ nodes: [], edges: [] });
  });
});
