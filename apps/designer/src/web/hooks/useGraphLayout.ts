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

/**
 * Lays out the graph in the ELK worker whenever its shape changes (labels and problems do not
 * move nodes). Earlier boxes stay on screen until the new ones arrive; a late answer for an older
 * shape is dropped.
 */
export function useGraphLayout(graph: StateGraph, direction: LayoutDirection): GraphLayout {
  const shape = useMemo(
    () =>
      JSON.stringify([
        direction,
        graph.nodes.map((node) => [node.id, node.parentId ?? ""]),
        graph.edges.map((edge) => edge.id),
      ]),
    [graph, direction],
  );
  const [layout, setLayout] = useState<{ boxes: Map<string, NodeBox>; shape: string }>({
    boxes: new Map(),
    shape: "",
  });
  useEffect(() => {
    let current = true;
    layouter ??= createElkLayouter();
    layoutStateGraph(layouter, graph, direction).then(
      (boxes) => {
        if (current) setLayout({ boxes, shape });
      },
      (error: unknown) => {
        console.warn("layout failed", error);
      },
    );
    return () => {
      current = false;
    };
    // `shape` captures everything layout depends on; `graph` alone changes on every keystroke.
  }, [shape]);
  return { ...layout, pending: layout.shape !== shape };
}
