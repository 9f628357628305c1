import { describe, expect, it } from "vitest";
import { shareGraph } from "./share-graph.ts";
import { buildStateGraph } from "./state-graph.ts";

const definition = (nextOfA: string, comment = "") => ({
  StartAt: "A",
  States: {
    A: { Type: "Pass", Comment: comment, Next: nextOfA },
    B: { Type: "Pass", Next: "C" },
    C: { Type: "Succeed" },
  },
});

describe("shareGraph", () => {
  it("returns the previous graph when nothing the graph shows changed", () => {
    const before = buildStateGraph(definition("B"));
    expect(shareGraph(before, buildStateGraph(definition("B", "only a comment")))).toBe(before);
  });

  it("reuses unchanged nodes and edges and replaces the changed ones", () => {
    const before = buildStateGraph(definition("B"));
    const after = shareGraph(before, buildStateGraph(definition("C")));
    expect(after).not.toBe(before);
    after.nodes.forEach((node, i) => expect(node).toBe(before.nodes[i]));
    expect(after.edges.find((e) => e.id === "B->C#next")).toBe(
      before.edges.find((e) => e.id === "B->C#next"),
    );
    expect(after.edges.map((e) => e.id)).toContain("A->C#next");
    expect(after.edges.map((e) => e.id)).not.toContain("A->B#next");
  });

  it("notices a reorder even when every element is shared", () => {
    const before = buildStateGraph(definition("B"));
    const reordered = { nodes: [...before.nodes].reverse(), edges: before.edges };
    expect(shareGraph(before, reordered)).not.toBe(before);
  });
});
