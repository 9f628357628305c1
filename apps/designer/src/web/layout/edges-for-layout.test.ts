import { describe, expect, it } from "vitest";
import { generateDefinition } from "../../../test/support/generate-definition.ts";
import { buildStateGraph } from "../model/state-graph.ts";
import { BEND_POINT_BUDGET, edgesForLayout } from "./edges-for-layout.ts";

describe("edgesForLayout", () => {
  it("keeps every edge of a graph within budget", () => {
    const graph = buildStateGraph(JSON.parse(generateDefinition(20)));
    const result = edgesForLayout(graph);
    expect(result.pruned).toBe(false);
    expect(result.bendPoints).toBeGreaterThan(0);
    expect(result.edges).toBe(graph.edges);
  });

  it("keeps only the edges between adjacent layers of a graph over budget", () => {
    const graph = buildStateGraph(JSON.parse(generateDefinition(500)));
    const result = edgesForLayout(graph);
    expect(result.pruned).toBe(true);
    expect(result.bendPoints).toBeGreaterThan(BEND_POINT_BUDGET);
    // The chain's S(i) → S(i+1) edges fix every layer; Catch edges to the end and Defaults skip layers.
    const index = (id: string): number => Number(id.slice(1));
    expect(result.edges.length).toBeGreaterThan(graph.nodes.length - 1);
    expect(result.edges.filter((edge) => index(edge.target) !== index(edge.source) + 1)).toEqual([]);
    const targets = new Set(result.edges.map((edge) => edge.target));
    for (const node of graph.nodes.slice(1)) expect(targets.has(node.id), node.id).toBe(true);
  });

  it("leaves out the edges that close a cycle, and keeps scopes apart", () => {
    const chain = JSON.parse(generateDefinition(200)) as { States: Record<string, Record<string, unknown>> };
    // The last state loops back to the first instead of succeeding.
    chain.States["S0199"] = { Type: "Pass", Next: "S0000" };
    const definition = {
      StartAt: "Fan",
      States: { Fan: { Type: "Parallel", Branches: [chain, chain], End: true } },
    };
    const graph = buildStateGraph(definition);
    const result = edgesForLayout(graph);
    expect(result.pruned).toBe(true);
    const kept = new Set(result.edges.map((edge) => edge.id));
    expect(kept.has("Fan/0/S0198->Fan/0/S0199#next")).toBe(true);
    expect(kept.has("Fan/0/S0199->Fan/0/S0000#next")).toBe(false);
    expect(kept.has("Fan/1/S0199->Fan/1/S0000#next")).toBe(false);
    expect(result.edges.filter((edge) => edge.source.startsWith("Fan/1/")).length).toBe(
      result.edges.filter((edge) => edge.source.startsWith("Fan/0/")).length,
    );
  });
});
