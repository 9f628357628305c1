import { Position, type NodeHandle } from "@xyflow/react";
import type { NodeBox } from "../layout/layout-state-graph.ts";

/** React Flow's handle: 6 px and a 1 px border, centred on the node's edge. */
const HANDLE = 8;

/**
 * Where a node's handles are, given up front (React Flow measures them again once drawn). Without
 * them React Flow draws every node once to measure it, even with `onlyRenderVisibleElements`: for
 * 500 states that one frame took seconds. Branch frames have no handles.
 */
export function nodeHandles(box: NodeBox, horizontal: boolean, hasHandles: boolean): NodeHandle[] {
  if (!hasHandles) return [];
  const centre = { x: box.width / 2 - HANDLE / 2, y: box.height / 2 - HANDLE / 2 };
  const half = HANDLE / 2;
  const size = { width: HANDLE, height: HANDLE };
  return horizontal
    ? [
        { type: "target", position: Position.Left, x: -half, y: centre.y, ...size },
        { type: "source", position: Position.Right, x: box.width - half, y: centre.y, ...size },
      ]
    : [
        { type: "target", position: Position.Top, x: centre.x, y: -half, ...size },
        { type: "source", position: Position.Bottom, x: centre.x, y: box.height - half, ...size },
      ];
}
