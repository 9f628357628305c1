import type { StateGraph } from "../model/state-graph.ts";
import type { NodeBox } from "./layout-state-graph.ts";

/** A rectangle in graph coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the minimap draws: every state's box and every group's frame as one SVG path each. */
export interface MinimapOutline {
  /** Plain states (and collapsed groups): filled. */
  states: string;
  /** Parallel, Map and branch frames: outlined. */
  groups: string;
  /** The box around every node; undefined for an empty graph. */
  bounds: Rect | undefined;
}

/**
 * The minimap's picture of a laid-out graph, in absolute coordinates (boxes are relative to their
 * group; parents come before children in `graph.nodes`). Two paths rather than one element per node:
 * React Flow's own minimap renders an element and keeps a store subscription for each node, and
 * computes the bounds of every node on each store update, which at 500 states is the largest part
 * of the graph's first commit.
 */
export function minimapOutline(graph: StateGraph, boxes: Map<string, NodeBox>): MinimapOutline {
  const origin = new Map<string, { x: number; y: number }>();
  const states: string[] = [];
  const groups: string[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of graph.nodes) {
    const box = boxes.get(node.id);
    if (box === undefined) continue;
    const parent = node.parentId === undefined ? undefined : origin.get(node.parentId);
    const x = box.x + (parent?.x ?? 0);
    const y = box.y + (parent?.y ?? 0);
    origin.set(node.id, { x, y });
    const rect = `M${x},${y}h${box.width}v${box.height}h${-box.width}z`;
    (node.isGroup && node.collapsedStates === undefined ? groups : states).push(rect);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + box.width);
    maxY = Math.max(maxY, y + box.height);
  }
  return {
    states: states.join(""),
    groups: groups.join(""),
    bounds: minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
  };
}
