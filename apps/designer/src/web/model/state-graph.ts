import { choiceRuleSummary } from "./choice-rule-summary.ts";
import { isFields, type Fields } from "./is-fields.ts";

/** The kinds of transition the graph draws, one per ASL field that names a next state. */
export const EdgeKind = { next: "next", default: "default", choice: "choice", catch: "catch" } as const;
/** A transition kind: `Next`, a Choice's `Default`, a Choice rule's `Next`, or a Catcher's `Next`. */
export type EdgeKind = (typeof EdgeKind)[keyof typeof EdgeKind];

/** A JSON location as jsonc-parser takes it: property names and array indexes from the root. */
export type JsonLocation = (string | number)[];

/**
 * One node of the graph: a state, or a Parallel branch (a group with no type of its own).
 * Ids are paths: `Charge` at the top level, `Fan/0/Reserve` in branch 0 of Parallel `Fan`,
 * `Each/Pack` in the item processor of Map `Each`.
 */
export interface GraphNode {
  id: string;
  name: string;
  /** The ASL `Type`, or `Branch` for a Parallel branch. */
  type: string;
  /** The group this node sits in (a branch, or a Map), absent at the top level. */
  parentId?: string;
  /** Where the state's object is in the definition; for a branch, where the branch object is. */
  location: JsonLocation;
  /** Location of the object holding this node's `StartAt` and `States`. */
  scope: JsonLocation;
  isStart: boolean;
  isEnd: boolean;
  hasRetry: boolean;
  /** Parallel, Map and branch nodes hold other nodes. */
  isGroup: boolean;
  /** Set on a collapsed Parallel or Map (see `collapseGraph`): how many states it hides. */
  collapsedStates?: number;
}

/** One transition; several Choice rules to the same target are one edge with their labels joined. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: EdgeKind;
  label?: string;
}

/** The nodes (parents before children) and edges of a definition. */
export interface StateGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Derives the graph of a parsed definition: every state a node, every Next / Default / Choice rule /
 * Catch an edge. Tolerates invalid definitions: what cannot be read is left out (validation reports it).
 */
export function buildStateGraph(definition: unknown): StateGraph {
  const graph: StateGraph = { nodes: [], edges: [] };
  addScope(graph, definition, [], "", undefined, new Map());
  return graph;
}

function addScope(
  graph: StateGraph,
  scope: unknown,
  location: JsonLocation,
  prefix: string,
  parentId: string | undefined,
  edgesById: Map<string, GraphEdge>,
): void {
  if (!isFields(scope) || !isFields(scope["States"])) return;
  const states = scope["States"];
  const startAt = scope["StartAt"];
  const names = Object.keys(states);
  for (const name of names) {
    const state = states[name];
    if (!isFields(state)) continue;
    const id = prefix + name;
    const type = typeof state["Type"] === "string" ? state["Type"] : "Unknown";
    const stateLocation = [...location, "States", name];
    graph.nodes.push({
      id,
      name,
      type,
      ...(parentId === undefined ? {} : { parentId }),
      location: stateLocation,
      scope: location,
      isStart: startAt === name,
      isEnd: state["End"] === true || type === "Succeed" || type === "Fail",
      hasRetry: Array.isArray(state["Retry"]) && state["Retry"].length > 0,
      isGroup: type === "Parallel" || type === "Map",
    });
    if (type === "Parallel" && Array.isArray(state["Branches"])) {
      state["Branches"].forEach((branch, index) => {
        const branchId = `${id}/${index}`;
        const branchLocation = [...stateLocation, "Branches", index];
        graph.nodes.push({
          id: branchId,
          name: `Branch ${index + 1}`,
          type: "Branch",
          parentId: id,
          location: branchLocation,
          scope: location,
          isStart: false,
          isEnd: false,
          hasRetry: false,
          isGroup: true,
        });
        addScope(graph, branch, branchLocation, `${branchId}/`, branchId, edgesById);
      });
    }
    if (type === "Map") {
      const field = isFields(state["ItemProcessor"]) ? "ItemProcessor" : "Iterator";
      addScope(graph, state[field], [...stateLocation, field], `${id}/`, id, edgesById);
    }
  }
  for (const name of names) {
    const state = states[name];
    if (isFields(state))
      addTransitions(graph, edgesById, state, prefix, prefix + name, (target) => target in states);
  }
}

function addTransitions(
  graph: StateGraph,
  // Several Choice rules to one target merge into one edge: found by id, not by scanning the list.
  edgesById: Map<string, GraphEdge>,
  state: Fields,
  prefix: string,
  source: string,
  exists: (name: string) => boolean,
): void {
  const add = (target: unknown, kind: EdgeKind, label?: string): void => {
    if (typeof target !== "string" || !exists(target)) return;
    const id = `${source}->${prefix + target}#${kind}`;
    const same = edgesById.get(id);
    if (same) {
      if (label !== undefined) same.label = same.label === undefined ? label : `${same.label} | ${label}`;
      return;
    }
    const edge: GraphEdge = {
      id,
      source,
      target: prefix + target,
      kind,
      ...(label === undefined ? {} : { label }),
    };
    edgesById.set(id, edge);
    graph.edges.push(edge);
  };
  add(state["Next"], EdgeKind.next);
  if (Array.isArray(state["Choices"])) {
    for (const rule of state["Choices"]) {
      if (isFields(rule)) add(rule["Next"], EdgeKind.choice, choiceRuleSummary(rule));
    }
  }
  add(state["Default"], EdgeKind.default, "Default");
  if (Array.isArray(state["Catch"])) {
    for (const catcher of state["Catch"]) {
      if (!isFields(catcher)) continue;
      const errors = Array.isArray(catcher["ErrorEquals"]) ? catcher["ErrorEquals"].join(", ") : "?";
      add(catcher["Next"], EdgeKind.catch, errors);
    }
  }
}
