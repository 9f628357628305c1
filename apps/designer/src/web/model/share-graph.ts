import type { GraphEdge, GraphNode, StateGraph } from "./state-graph.ts";

const same = (a: GraphNode | GraphEdge, b: GraphNode | GraphEdge): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * `next` with every node and edge that equals one in `previous` replaced by that earlier object, so
 * memoised views keyed on identity re-render only what an edit changed. The graph object itself is
 * reused when nothing changed at all.
 */
export function shareGraph(previous: StateGraph, next: StateGraph): StateGraph {
  const oldNodes = new Map(previous.nodes.map((node) => [node.id, node]));
  const oldEdges = new Map(previous.edges.map((edge) => [edge.id, edge]));
  let changed = previous.nodes.length !== next.nodes.length || previous.edges.length !== next.edges.length;
  const nodes = next.nodes.map((node, index) => {
    const old = oldNodes.get(node.id);
    if (old !== undefined && same(old, node)) {
      if (previous.nodes[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return node;
  });
  const edges = next.edges.map((edge, index) => {
    const old = oldEdges.get(edge.id);
    if (old !== undefined && same(old, edge)) {
      if (previous.edges[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return edge;
  });
  return changed ? { nodes, edges } : previous;
}
