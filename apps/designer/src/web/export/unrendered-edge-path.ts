import { getSmoothStepPath, Position } from "@xyflow/react";

/** A node's box in graph coordinates. */
export interface AbsoluteBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The path React Flow would draw between two boxes (smooth step, handles at the bottom and top, or
 * at the right and left when horizontal), with its label point. Export needs it for edges a large
 * graph did not render because they were off screen.
 */
export function unrenderedEdgePath(
  source: AbsoluteBox,
  target: AbsoluteBox,
  horizontal: boolean,
): { path: string; labelX: number; labelY: number } {
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX: horizontal ? source.x + source.width : source.x + source.width / 2,
    sourceY: horizontal ? source.y + source.height / 2 : source.y + source.height,
    sourcePosition: horizontal ? Position.Right : Position.Bottom,
    targetX: horizontal ? target.x : target.x + target.width / 2,
    targetY: horizontal ? target.y + target.height / 2 : target.y,
    targetPosition: horizontal ? Position.Left : Position.Top,
    borderRadius: 10,
  });
  return { path, labelX, labelY };
}
