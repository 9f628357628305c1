import { describe, expect, it } from "vitest";
import { collapseGraph } from "./collapse-graph.ts";
import { buildStateGraph, type StateGraph } from "./state-graph.ts";

const graph = buildStateGraph({
  StartAt: "Fan",
  States: {
    Fan: {
      Type: "Parallel",
      Next: "Each",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", End: true } } },
        {
          StartAt: "Inner",
          States: {
            Inner: {
              Type: "Map",
              End: true,
              ItemProcessor: { StartAt: "C", States: { C: { Type: "Pass", End: true } } },
            },
          },
        },
      ],
    },
    Each: {
      Type: "Map",
      Next: "Done",
      ItemProcessor: { StartAt: "D", States: { D: { Type: "Pass", End: true } } },
    },
    Done: { Type: "Succeed" },
  },
});

const ids = (g: StateGraph): string[] => g.nodes.map((node) => node.id);

describe("collapseGraph", () => {
  it("returns the same graph when nothing is collapsed", () => {
    expect(collapseGraph(graph, new Set()).graph).toBe(graph);
    expect(collapseGraph(graph, new Set(["Done", "Nope", "Fan/0"])).graph).toBe(graph);
  });

  it("draws a collapsed Parallel as one node counting the states it hides, nested ones included", () => {
    const { graph: drawn, hiddenIn } = collapseGraph(graph, new Set(["Fan"]));
    expect(ids(drawn)).toEqual(["Fan", "Each", "Each/D", "Done"]);
    expect(drawn.nodes[0]).toMatchObject({ id: "Fan", isGroup: false, collapsedStates: 4 });
    expect(hiddenIn.get("Fan/1/Inner/C")).toBe("Fan");
    expect(drawn.edges.map((edge) => edge.id)).toEqual(["Fan->Each#next", "Each->Done#next"]);
    // Unchanged nodes keep their identity.
    expect(drawn.nodes[3]).toBe(graph.nodes.find((node) => node.id === "Done"));
  });

  it("collapses an inner group inside an expanded one, and ignores one inside a collapsed one", () => {
    const inner = collapseGraph(graph, new Set(["Fan/1/Inner"])).graph;
    expect(ids(inner)).toEqual([
      "Fan",
      "Fan/0",
      "Fan/0/A",
      "Fan/0/B",
      "Fan/1",
      "Fan/1/Inner",
      "Each",
      "Each/D",
      "Done",
    ]);
    expect(inner.nodes[5]).toMatchObject({ collapsedStates: 1 });
    const both = collapseGraph(graph, new Set(["Fan", "Fan/1/Inner"])).graph;
    expect(ids(both)).toEqual(["Fan", "Each", "Each/D", "Done"]);
  });

  it("draws an edge with a hidden end to the collapsed group", () => {
    const crossing: StateGraph = {
      nodes: graph.nodes,
      edges: [
        ...graph.edges,
        { id: "Fan/0/B->Done#catch", source: "Fan/0/B", target: "Done", kind: "catch" },
      ],
    };
    const drawn = collapseGraph(crossing, new Set(["Fan"])).graph;
    expect(drawn.edges.find((edge) => edge.kind === "catch")).toEqual({
      id: "Fan->Done#catch",
      source: "Fan",
      target: "Done",
      kind: "catch",
    });
  });
});
