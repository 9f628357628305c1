import type { StateGraph } from "../model/state-graph.ts";
import type { NodeBox } from "./layout-state-graph.ts";

/**
 * Above this many nodes the graph pane draws only what is on screen and opens on the start of the
 * graph: fitting 500 states at once shows unreadable specks and makes the browser draw every one of
 * them in one long task.
 */
export const LARGE_GRAPH_NODES = 80;

/** How far along the flow (down, or right) from the first layer the opening view reaches, in pixels. */
const OPENING_SPAN = { DOWN: 1200, RIGHT: 2000 } as const;

/**
 * The nodes the view should fit when a graph is opened: all of them (undefined) for a small graph;
 * for a large one, the top-level nodes within the first stretch of the flow, so it opens readable
 * at its start.
 */
export function openingViewNodes(
  graph: StateGraph,
  boxes: Map<string, NodeBox>,
  horizontal: boolean,
): { id: string }[] | undefined {
  if (graph.nodes.length <= LARGE_GRAPH_NODES) return undefined;
  const along = (box: NodeBox): number => (horizontal ? box.x : box.y);
  const topLevel = graph.nodes.flatMap((node) => {
    const box = node.parentId === undefined ? boxes.get(node.id) : undefined;
    return box === undefined ? [] : [{ id: node.id, box }];
  });
  const first = Math.min(...topLevel.map(({ box }) => along(box)));
  const span = OPENING_SPAN[horizontal ? "RIGHT" : "DOWN"];
  return topLevel.filter(({ box }) => along(box) <= first + span).map(({ id }) => ({ id }));
}
