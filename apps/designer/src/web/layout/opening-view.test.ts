import { describe, expect, it } from "vitest";
import { generateDefinition } from "../../../test/support/generate-definition.ts";
import { buildStateGraph } from "../model/state-graph.ts";
import type { NodeBox } from "./layout-state-graph.ts";
import { LARGE_GRAPH_NODES, openingViewNodes } from "./opening-view.ts";

/** A chain laid out straight down (or right), 100 px per state. */
function chain(count: number, horizontal: boolean) {
  const graph = buildStateGraph(JSON.parse(generateDefinition(count)));
  const boxes = new Map<string, NodeBox>(
    graph.nodes.map((node, i) => [
      node.id,
      { x: horizontal ? i * 100 : 0, y: horizontal ? 0 : i * 100, width: 200, height: 52 },
    ]),
  );
  return { graph, boxes };
}

describe("openingViewNodes", () => {
  it("fits a small graph whole", () => {
    const { graph, boxes } = chain(LARGE_GRAPH_NODES, false);
    expect(openingViewNodes(graph, boxes, false)).toBeUndefined();
  });

  it.each([
    [false, 13],
    [true, 21],
  ])("fits the start of a large graph (horizontal: %s)", (horizontal, count) => {
    const { graph, boxes } = chain(500, horizontal);
    const nodes = openingViewNodes(graph, boxes, horizontal);
    expect(nodes?.map((node) => node.id)).toEqual(graph.nodes.slice(0, count).map((node) => node.id));
  });
});
