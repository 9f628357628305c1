import { useEffect, useMemo, useState } from "react";
import { createElkLayouter } from "../layout/create-elk-layouter.ts";
import { layoutStateGraph, type LayoutDirection, type NodeBox } from "../layout/layout-state-graph.ts";
import type { StateGraph } from "../model/state-graph.ts";

let layouter: ReturnType<typeof createElkLayouter> | undefined;

/** What the graph pane draws from: node boxes and whether they match the current graph's shape. */
export interface GraphLayout {
  boxes: Map<string, NodeBox>;
  /** The shape (nodes, parents, edges) the boxes were computed for. */
  shape: string;
  pending: boolean;
}

const NO_BOXES = new Map<string, NodeBox>();

/**
 * Lays out the graph in the ELK worker whenever its shape changes (labels and problems do not
 * move nodes). After an edit the earlier boxes stay on screen until the new ones arrive; after
 * another definition is opened (`openedAt`, of the definition `graph` comes from, changes) there are none until its own layout is in, so
 * the old definition's boxes are not drawn for the new one's states of the same names. A late
 * answer for an older shape is dropped.
 */
export function useGraphLayout(graph: StateGraph, direction: LayoutDirection, openedAt: number): GraphLayout {
  const shape = useMemo(
    () =>
      JSON.stringify([
        direction,
        graph.nodes.map((node) => [node.id, node.parentId ?? ""]),
        graph.edges.map((edge) => edge.id),
      ]),
    [graph, direction],
  );
  const [layout, setLayout] = useState<{ boxes: Map<string, NodeBox>; shape: string; openedAt: number }>({
    boxes: NO_BOXES,
    shape: "",
    openedAt,
  });
  useEffect(() => {
    let current = true;
    layouter ??= createElkLayouter();
    layoutStateGraph(layouter, graph, direction).then(
      (boxes) => {
        if (current) setLayout({ boxes, shape, openedAt });
      },
      (error: unknown) => {
        console.warn("layout failed", error);
      },
    );
    return () => {
      current = false;
    };
    // `shape` captures everything layout depends on; `graph` alone changes on every keystroke.
    // `openedAt`: a definition opened again (same shape) is laid out again, as its own.
  }, [shape, openedAt]);
  if (layout.openedAt !== openedAt) return { boxes: NO_BOXES, shape: "", pending: true };
  return { boxes: layout.boxes, shape: layout.shape, pending: layout.shape !== shape };
}
