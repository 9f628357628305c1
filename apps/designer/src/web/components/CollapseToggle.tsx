import { createContext, useContext } from "react";
import type { GraphNode } from "../model/state-graph.ts";

/** Collapses or expands a Parallel or Map group; given by the graph pane to the nodes it draws. */
export const CollapseToggleContext = createContext<(id: string) => void>(() => undefined);

/** The ▾/▸ button on a Parallel or Map group. */
export function CollapseToggle({ node }: { node: GraphNode }) {
  const toggle = useContext(CollapseToggleContext);
  const collapsed = node.collapsedStates !== undefined;
  return (
    <button
      type="button"
      className="collapse-toggle nodrag nopan"
      data-testid={`collapse:${node.id}`}
      aria-expanded={!collapsed}
      aria-label={`${collapsed ? "Expand" : "Collapse"} ${node.name}`}
      title={collapsed ? "Expand" : "Collapse"}
      onClick={(event) => {
        // A toggle is not a selection: the click stays off the node underneath.
        event.stopPropagation();
        toggle(node.id);
      }}
    >
      {collapsed ? "▸" : "▾"}
    </button>
  );
}
