import type { GraphEdge, StateGraph } from "../model/state-graph.ts";

/**
 * How many bend points (ELK's dummy nodes: one per layer an edge skips) a full layered layout may
 * have to place before long edges are left out (300 took ELK ≈ 0.5 s here). Layered layout cost grows with them much faster
 * than with nodes: a generated 500-state chain whose every Task catches to the final state has
 * ~62,000, and ELK took over a minute on it; the samples have a few dozen.
 */
export const BEND_POINT_BUDGET = 300;

/** The edges the layout should see, and how many bend points the full set would have needed. */
export interface LayoutEdges {
  edges: GraphEdge[];
  bendPoints: number;
  /** Long edges were left out: the graph was over BEND_POINT_BUDGET. */
  pruned: boolean;
}

/**
 * The edges to lay out `graph` with. Within budget, all of them. Over it, only the edges between
 * adjacent layers (by longest path from each scope's sources, after breaking cycles depth-first in
 * document order): each state keeps the incoming edge that fixes its layer, so layers stay the
 * same, but no edge spans layers and the layout has no bend points to place. React Flow draws every
 * edge from handle to handle anyway, so a left-out edge is still drawn, only not avoided.
 */
export function edgesForLayout(graph: StateGraph): LayoutEdges {
  const scopeOf = new Map(graph.nodes.map((node) => [node.id, node.parentId ?? ""]));
  const outgoing = new Map<string, GraphEdge[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) outgoing.get(edge.source)?.push(edge);

  // Depth-first in document order: an edge to a state still on the stack closes a cycle.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const backEdges = new Set<string>();
  const finishOrder: string[] = [];
  const visit = (id: string): void => {
    visiting.add(id);
    for (const edge of outgoing.get(id) ?? []) {
      if (visiting.has(edge.target)) backEdges.add(edge.id);
      else if (!done.has(edge.target)) visit(edge.target);
    }
    visiting.delete(id);
    done.add(id);
    finishOrder.push(id);
  };
  for (const node of graph.nodes) if (!done.has(node.id)) visit(node.id);

  // Reverse finishing order is a topological order of the graph without its back edges.
  const layer = new Map<string, number>();
  for (const id of finishOrder.reverse()) {
    const from = layer.get(id) ?? 0;
    layer.set(id, from);
    for (const edge of outgoing.get(id) ?? []) {
      if (!backEdges.has(edge.id)) layer.set(edge.target, Math.max(layer.get(edge.target) ?? 0, from + 1));
    }
  }

  let bendPoints = 0;
  const span = (edge: GraphEdge): number =>
    Math.abs((layer.get(edge.target) ?? 0) - (layer.get(edge.source) ?? 0));
  for (const edge of graph.edges) {
    if (scopeOf.get(edge.source) === scopeOf.get(edge.target)) bendPoints += Math.max(0, span(edge) - 1);
  }
  if (bendPoints <= BEND_POINT_BUDGET) return { edges: graph.edges, bendPoints, pruned: false };
  const edges = graph.edges.filter((edge) => !backEdges.has(edge.id) && span(edge) === 1);
  return { edges, bendPoints, pruned: true };
}
