import ELK from "elkjs/lib/elk.bundled.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateDefinition } from "../../../test/support/generate-definition.ts";
import { buildStateGraph, type GraphNode, type StateGraph } from "../model/state-graph.ts";
import { layoutStateGraph, type NodeBox } from "./layout-state-graph.ts";

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../samples/${name}.asl.json`, import.meta.url), "utf8"));

/** Fails unless siblings never overlap and children sit inside their group. */
function expectNoOverlaps(graph: StateGraph, boxes: Map<string, NodeBox>): void {
  expect([...boxes.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
  const absolute = new Map<string, NodeBox>();
  for (const node of graph.nodes) {
    const box = boxes.get(node.id);
    const parent = node.parentId === undefined ? undefined : absolute.get(node.parentId);
    if (box) absolute.set(node.id, { ...box, x: box.x + (parent?.x ?? 0), y: box.y + (parent?.y ?? 0) });
  }
  const siblings = new Map<string, GraphNode[]>();
  for (const node of graph.nodes)
    siblings.set(node.parentId ?? "", [...(siblings.get(node.parentId ?? "") ?? []), node]);
  for (const group of siblings.values()) {
    // Sorted by x, a node can only overlap the ones that start before it ends.
    const sorted = group.map((node) => ({ id: node.id, box: absolute.get(node.id) as NodeBox }));
    sorted.sort((a, b) => a.box.x - b.box.x);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i] as (typeof sorted)[number];
      for (let j = i + 1; j < sorted.length; j++) {
        const b = sorted[j] as (typeof sorted)[number];
        if (b.box.x >= a.box.x + a.box.width) break;
        const apart = a.box.y + a.box.height <= b.box.y || b.box.y + b.box.height <= a.box.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  }
  for (const node of graph.nodes) {
    const box = absolute.get(node.id);
    const parent = node.parentId === undefined ? undefined : absolute.get(node.parentId);
    if (parent === undefined || box === undefined) continue;
    expect(box.x >= parent.x && box.x + box.width <= parent.x + parent.width, `${node.id} inside`).toBe(true);
    expect(box.y >= parent.y && box.y + box.height <= parent.y + parent.height, `${node.id} inside`).toBe(
      true,
    );
  }
}

describe("layoutStateGraph", () => {
  const elk = new ELK.default();

  it.each(["order-fulfillment", "identity-confirmation"])(
    "lays out %s deterministically, without overlaps",
    async (name) => {
      const graph = buildStateGraph(sample(name));
      const first = await layoutStateGraph(elk, graph);
      expect(await layoutStateGraph(elk, graph)).toEqual(first);
      expectNoOverlaps(graph, first);
    },
  );

  it("lays out a large graph with nested groups deterministically, without overlaps", async () => {
    const chain = JSON.parse(generateDefinition(300)) as { StartAt: string; States: object };
    const definition = {
      StartAt: "Fan",
      States: {
        Fan: { Type: "Parallel", Branches: [chain, chain], Next: "Each" },
        Each: { Type: "Map", ItemProcessor: chain, End: true },
      },
    };
    const graph = buildStateGraph(definition);
    const first = await layoutStateGraph(elk, graph);
    expect(await layoutStateGraph(elk, graph)).toEqual(first);
    expectNoOverlaps(graph, first);
    // Each chain still runs down: the state after S0100 sits below it.
    expect(first.get("Fan/0/S0101")?.y).toBeGreaterThan(first.get("Fan/0/S0100")?.y ?? Infinity);
    // Two ELK layouts of ~600 nodes: a few seconds idle, over 20 s on a loaded 2-core machine.
  }, 90_000);

  it("puts a Next target below its source when laying out top-down", async () => {
    const boxes = await layoutStateGraph(
      elk,
      buildStateGraph({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } }),
    );
    expect(boxes.get("B")?.y).toBeGreaterThan((boxes.get("A")?.y ?? 0) + 40);
  });
});
