import type { GraphEdge, GraphNode, StateGraph } from "./state-graph.ts";

/** The graph as drawn with some groups collapsed, and which drawn node stands for each hidden one. */
export interface CollapsedGraph {
  graph: StateGraph;
  /** Hidden node id → id of the collapsed group that holds it. */
  hiddenIn: Map<string, string>;
}

/**
 * The graph with every Parallel or Map in `collapsed` drawn as one plain node: what it holds is
 * hidden, it carries the number of states hidden (`collapsedStates`), and an edge with a hidden end
 * is drawn to or from the collapsed group instead (an edge with both ends in the same group goes).
 * Ids that are not Parallel or Map states, or that sit inside another collapsed group, are ignored.
 * Unchanged when nothing is collapsed, so node identity is kept.
 */
export function collapseGraph(graph: StateGraph, collapsed: ReadonlySet<string>): CollapsedGraph {
  const hiddenIn = new Map<string, string>();
  if (collapsed.size === 0) return { graph, hiddenIn };
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // Parents come before children, so a node's parent is settled when the node is reached.
  const counts = new Map<string, number>();
  for (const node of graph.nodes) {
    const parentId = node.parentId;
    if (parentId === undefined) continue;
    const owner =
      hiddenIn.get(parentId) ??
      (collapsed.has(parentId) && isCollapsible(byId.get(parentId)) ? parentId : undefined);
    if (owner === undefined) continue;
    hiddenIn.set(node.id, owner);
    if (node.type !== "Branch") counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  if (hiddenIn.size === 0) return { graph, hiddenIn };
  const nodes: GraphNode[] = graph.nodes.flatMap((node) => {
    if (hiddenIn.has(node.id)) return [];
    if (!collapsed.has(node.id) || !isCollapsible(node)) return [node];
    return [{ ...node, isGroup: false, collapsedStates: counts.get(node.id) ?? 0 }];
  });
  const seen = new Set(graph.edges.map((edge) => edge.id));
  const edges: GraphEdge[] = graph.edges.flatMap((edge) => {
    const source = hiddenIn.get(edge.source) ?? edge.source;
    const target = hiddenIn.get(edge.target) ?? edge.target;
    if (source === edge.source && target === edge.target) return [edge];
    if (source === target) return [];
    const id = `${source}->${target}#${edge.kind}`;
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ ...edge, id, source, target }];
  });
  return { graph: { nodes, edges }, hiddenIn };
}

function isCollapsible(node: GraphNode | undefined): boolean {
  return node !== undefined && (node.type === "Parallel" || node.type === "Map") && node.isGroup;
}
