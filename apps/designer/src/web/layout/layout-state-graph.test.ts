import ELK from "elkjs/lib/elk.bundled.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildStateGraph } from "../model/state-graph.ts";
import { layoutStateGraph, type NodeBox } from "./layout-state-graph.ts";

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../samples/${name}.asl.json`, import.meta.url), "utf8"));

describe("layoutStateGraph", () => {
  const elk = new ELK.default();

  it.each(["order-fulfillment", "identity-confirmation"])(
    "lays out %s deterministically, without overlaps",
    async (name) => {
      const graph = buildStateGraph(sample(name));
      const first = await layoutStateGraph(elk, graph);
      expect(await layoutStateGraph(elk, graph)).toEqual(first);
      expect([...first.keys()].sort()).toEqual(graph.nodes.map((n) => n.id).sort());
      const absolute = new Map<string, NodeBox>();
      for (const node of graph.nodes) {
        const box = first.get(node.id);
        const parent = node.parentId === undefined ? undefined : absolute.get(node.parentId);
        if (box) absolute.set(node.id, { ...box, x: box.x + (parent?.x ?? 0), y: box.y + (parent?.y ?? 0) });
      }
      // Siblings never overlap; children sit inside their group.
      for (const a of graph.nodes) {
        const boxA = absolute.get(a.id);
        for (const b of graph.nodes) {
          const boxB = absolute.get(b.id);
          if (a.id >= b.id || a.parentId !== b.parentId || !boxA || !boxB) continue;
          const apart =
            boxA.x + boxA.width <= boxB.x ||
            boxB.x + boxB.width <= boxA.x ||
            boxA.y + boxA.height <= boxB.y ||
            boxB.y + boxB.height <= boxA.y;
          expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
        }
        const parent = a.parentId === undefined ? undefined : absolute.get(a.parentId);
        if (parent && boxA) {
          expect(boxA.x >= parent.x && boxA.x + boxA.width <= parent.x + parent.width).toBe(true);
          expect(boxA.y >= parent.y && boxA.y + boxA.height <= parent.y + parent.height).toBe(true);
        }
      }
    },
  );

  it("puts a Next target below its source when laying out top-down", async () => {
    const boxes = await layoutStateGraph(
      elk,
      buildStateGraph({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } }),
    );
    expect(boxes.get("B")?.y).toBeGreaterThan((boxes.get("A")?.y ?? 0) + 40);
  });
});
