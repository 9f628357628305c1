import { describe, expect, it } from "vitest";
import { generateDefinition } from "../../../test/support/generate-definition.ts";
import { buildStateGraph } from "../model/state-graph.ts";
import type { NodeBox } from "./layout-state-graph.ts";
import { minimapOutline } from "./minimap-outline.ts";

const definition = {
  StartAt: "Fan",
  States: {
    Fan: {
      Type: "Parallel",
      Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

describe("minimapOutline", () => {
  it("draws states filled and groups outlined, nested boxes moved by their groups' positions", () => {
    const graph = buildStateGraph(definition);
    const boxes = new Map<string, NodeBox>([
      ["Fan", { x: 10, y: 20, width: 300, height: 200 }],
      ["Fan/0", { x: 16, y: 40, width: 260, height: 120 }],
      ["Fan/0/A", { x: 30, y: 50, width: 200, height: 52 }],
      ["Done", { x: 60, y: 300, width: 200, height: 52 }],
    ]);
    const outline = minimapOutline(graph, boxes);
    expect(outline.groups).toBe("M10,20h300v200h-300zM26,60h260v120h-260z");
    expect(outline.states).toBe("M56,110h200v52h-200zM60,300h200v52h-200z");
    expect(outline.bounds).toEqual({ x: 10, y: 20, width: 300, height: 332 });
  });

  it("leaves out nodes not laid out yet, and has no bounds without any", () => {
    const graph = buildStateGraph(definition);
    expect(minimapOutline(graph, new Map())).toEqual({ states: "", groups: "", bounds: undefined });
  });

  it("draws a collapsed group as a state", () => {
    const graph = buildStateGraph(definition);
    const fan = graph.nodes.find((node) => node.id === "Fan");
    if (fan === undefined) throw new Error("no Fan");
    const collapsed = { nodes: [{ ...fan, collapsedStates: 1 }], edges: [] };
    const outline = minimapOutline(collapsed, new Map([["Fan", { x: 0, y: 0, width: 200, height: 52 }]]));
    expect(outline).toMatchObject({ states: "M0,0h200v52h-200z", groups: "" });
  });

  it("is one path for 1000 states", () => {
    const graph = buildStateGraph(JSON.parse(generateDefinition(1000)));
    const boxes = new Map(
      graph.nodes.map((node, i) => [node.id, { x: 0, y: i * 100, width: 200, height: 52 }]),
    );
    const outline = minimapOutline(graph, boxes);
    expect(outline.states.match(/M/g)).toHaveLength(1000);
    expect(outline.bounds).toEqual({ x: 0, y: 0, width: 200, height: 99_952 });
  });
});
