import type { ElkNode } from "elkjs/lib/elk-api.js";
import type { StateGraph } from "../model/state-graph.ts";
import { edgesForLayout } from "./edges-for-layout.ts";

/** Size of a plain state node, in pixels. */
export const STATE_NODE_SIZE = { width: 200, height: 52 } as const;

/** A laid out node: position relative to its parent group, and size. */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Direction of the layered layout: top-down or left-right. */
export type LayoutDirection = "DOWN" | "RIGHT";

/** The one thing layout needs from elkjs, so tests can pass the bundled ELK and the app a worker. */
export interface ElkLayouter {
  layout: (graph: ElkNode) => Promise<ElkNode>;
}

const ROOT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "48",
  "elk.spacing.nodeNode": "32",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

const GROUP_OPTIONS = { "elk.padding": "[top=40,left=16,bottom=16,right=16]" };

/**
 * Lays out a state graph with ELK's layered algorithm (groups nested, edges kept inside their scope).
 * A large graph is laid out without its long edges (see `edgesForLayout`). The same graph always gets
 * the same boxes: input order is the document's order, and ELK is deterministic.
 */
export async function layoutStateGraph(
  elk: ElkLayouter,
  graph: StateGraph,
  direction: LayoutDirection = "DOWN",
): Promise<Map<string, NodeBox>> {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: "__root",
    layoutOptions: { ...ROOT_OPTIONS, "elk.direction": direction },
    children: [],
    edges: [],
  };
  for (const node of graph.nodes) {
    const elkNode: ElkNode = node.isGroup
      ? { id: node.id, layoutOptions: GROUP_OPTIONS, children: [], edges: [] }
      : { id: node.id, ...STATE_NODE_SIZE };
    elkNodes.set(node.id, elkNode);
    const parent = node.parentId === undefined ? root : elkNodes.get(node.parentId);
    parent?.children?.push(elkNode);
  }
  const parentOf = new Map(graph.nodes.map((node) => [node.id, node.parentId]));
  for (const edge of edgesForLayout(graph).edges) {
    const parentId = parentOf.get(edge.source);
    const container = parentId === undefined ? root : elkNodes.get(parentId);
    container?.edges?.push({ id: edge.id, sources: [edge.source], targets: [edge.target] });
  }
  for (const node of elkNodes.values()) {
    // An empty group (a branch with no states yet) still needs a size.
    if (node.children?.length === 0) Object.assign(node, { width: STATE_NODE_SIZE.width, height: 60 });
  }
  const laidOut = await elk.layout(root);
  const boxes = new Map<string, NodeBox>();
  const collect = (node: ElkNode): void => {
    for (const child of node.children ?? []) {
      boxes.set(child.id, {
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
      });
      collect(child);
    }
  };
  collect(laidOut);
  return boxes;
}
