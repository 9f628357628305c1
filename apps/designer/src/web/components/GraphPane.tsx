import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  useReactFlow,
  type Connection,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { GraphLayout } from "../hooks/useGraphLayout.ts";
import type { NodeBox } from "../layout/layout-state-graph.ts";
import type { GraphEdge, GraphNode, StateGraph } from "../model/state-graph.ts";
import { STATE_TYPES, type StateTypeName } from "../model/state-templates.ts";
import { minimapOutline } from "../layout/minimap-outline.ts";
import { LARGE_GRAPH_NODES, openingViewNodes } from "../layout/opening-view.ts";
import {
  BranchNode,
  GroupNode,
  StateNode,
  nodeAriaLabel,
  type NodeDiff,
  type StateFlowNode,
} from "./StateNode.tsx";
import { CollapseToggleContext } from "./CollapseToggle.tsx";
import { edgeIdAtPoint, STATE_TYPE_DRAG_FORMAT } from "./edge-at-point.ts";
import { ExportButtons } from "./ExportButtons.tsx";
import { GraphMiniMap } from "./GraphMiniMap.tsx";
import { nodeHandles } from "./node-handles.ts";
import { TransitionEdge, type TransitionFlowEdge } from "./TransitionEdge.tsx";

const NO_EDGES: TransitionFlowEdge[] = [];
/** Nodes given to React Flow per task while a large graph is staged in (see GraphPane). */
const NODE_CHUNK = 150;

const nodeTypes = { state: StateNode, group: GroupNode, branch: BranchNode };
const edgeTypes = { transition: TransitionEdge };

/** Props of the graph pane. */
export interface GraphPaneProps {
  graph: StateGraph;
  layout: GraphLayout;
  problemsByNode: Map<string, number>;
  /** How each node differs from a compared version, when a diff is shown. */
  diffByNode?: Map<string, NodeDiff> | undefined;
  selectedId: string | undefined;
  dark: boolean;
  horizontal: boolean;
  /** The graph lags the text (a deferred analysis is pending). */
  analyzing?: boolean;
  /** Base name of exported pictures. */
  fileName: string;
  /** Fit the view again when this changes (a new document, a new direction). */
  fitKey: string;
  onSelect: (id: string | undefined) => void;
  /** Enter on a focused node: open its form. */
  onOpenForm: (id: string) => void;
  /** Centre on and focus this node when `seq` changes (Find). */
  focusRequest?: { id: string; seq: number } | undefined;
  onConnect: (source: GraphNode, target: GraphNode) => void;
  onRename: (node: GraphNode) => void;
  onDelete: (node: GraphNode) => void;
  onCopy: (node: GraphNode) => void;
  onDuplicate: (node: GraphNode) => void;
  /** Ctrl+V: paste into the selected state's scope (or the top level). */
  onPaste: () => void;
  /** Collapses or expands a Parallel or Map group. */
  onToggleCollapse: (id: string) => void;
  /** A palette item dropped on a transition. */
  onInsertOnEdge: (edge: GraphEdge, type: StateTypeName) => void;
}

/** The graph pane: states as nodes laid out by ELK, transitions as edges, minimap and controls. */
export function GraphPane(props: GraphPaneProps) {
  const { graph, layout, problemsByNode, diffByNode, selectedId, dark, horizontal, fitKey } = props;
  const byId = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph]);

  // Flow nodes and edges are kept from the previous render when nothing they draw changed: React
  // Flow then skips them, so an edit re-renders the states it touched, not all of them.
  const nodeCache = useRef(new Map<string, StateFlowNode>());
  const nodes = useMemo<StateFlowNode[]>(() => {
    const previous = nodeCache.current;
    if (layout.boxes.size === 0 && previous.size > 0) {
      // Another definition was opened and its layout is not in yet. The previous nodes are hidden
      // now and dropped when the new nodes come: a drawn node's component reads its node from
      // React Flow's store before React unmounts it, so removing drawn nodes makes each of their
      // selectors throw (caught, then re-rendered), ~2 ms per drawn node in a profile.
      return [...previous.values()].map((node) => ({ ...node, hidden: true }));
    }
    const next = new Map<string, StateFlowNode>();
    const list = graph.nodes.flatMap((node) => {
      const box = layout.boxes.get(node.id);
      if (box === undefined) return [];
      const problems = problemsByNode.get(node.id) ?? 0;
      const selected = node.id === selectedId;
      const diff = diffByNode?.get(node.id);
      const old = previous.get(node.id);
      const reusable =
        old !== undefined &&
        old.data.node === node &&
        old.data.problems === problems &&
        old.data.horizontal === horizontal &&
        old.data.diff === diff &&
        old.selected === selected &&
        old.position.x === box.x &&
        old.position.y === box.y &&
        old.width === box.width &&
        old.height === box.height;
      const flowNode: StateFlowNode = reusable
        ? old
        : {
            id: node.id,
            type:
              node.type === "Branch"
                ? "branch"
                : node.isGroup || node.collapsedStates !== undefined
                  ? "group"
                  : "state",
            position: { x: box.x, y: box.y },
            width: box.width,
            height: box.height,
            ...(node.parentId === undefined ? {} : { parentId: node.parentId }),
            data: { node, problems, horizontal, ...(diff === undefined ? {} : { diff }) },
            // Sizes and handles known up front: a node off screen is never drawn, so never measured,
            // and React Flow holds fitView back until every node is measured.
            measured: { width: box.width, height: box.height },
            handles: nodeHandles(box, horizontal, node.type !== "Branch"),
            ariaLabel: nodeAriaLabel(node, problems),
            selected,
            draggable: false,
            connectable: node.type !== "Branch",
          };
      next.set(node.id, flowNode);
      return [flowNode];
    });
    nodeCache.current = next;
    return list;
  }, [graph, layout.boxes, problemsByNode, selectedId, horizontal, diffByNode]);

  // A large graph arriving in an empty pane (a definition just opened) reaches React Flow over
  // several tasks: its nodes in chunks, then its edges. In one commit React Flow adopts every node,
  // builds the connection lookup for every edge, renders, and re-runs every store selector in a
  // single task, the longest one left when opening 500 states (150–200 ms on a loaded machine).
  // Later layouts (edits) keep their nodes and edges on screen and are committed at once.
  const [staged, setStaged] = useState<{ boxes: Map<string, NodeBox>; step: number } | undefined>();
  const shownEdgeCount = useRef(0);
  const staging =
    graph.nodes.length > LARGE_GRAPH_NODES && shownEdgeCount.current === 0 && layout.boxes.size > 0;
  const chunks = Math.ceil(nodes.length / NODE_CHUNK);
  const step = !staging ? chunks : staged?.boxes === layout.boxes ? staged.step : 0;
  const holdEdges = step < chunks;
  // Chunks are prefixes, so a group always comes before the states inside it.
  const shownNodes = useMemo(
    () => (holdEdges ? nodes.slice(0, (step + 1) * NODE_CHUNK) : nodes),
    [nodes, holdEdges, step],
  );
  useEffect(() => {
    if (!holdEdges) return;
    const timer = setTimeout(() => setStaged({ boxes: layout.boxes, step: step + 1 }), 0);
    return () => clearTimeout(timer);
  }, [holdEdges, step, layout.boxes]);

  const edgeCache = useRef(new Map<string, TransitionFlowEdge>());
  const shownEdges = useMemo<TransitionFlowEdge[]>(() => {
    if (holdEdges) return NO_EDGES;
    const previous = edgeCache.current;
    const next = new Map<string, TransitionFlowEdge>();
    const list = graph.edges
      .filter((edge) => layout.boxes.has(edge.source) && layout.boxes.has(edge.target))
      .map((edge) => {
        const old = previous.get(edge.id);
        const flowEdge: TransitionFlowEdge =
          old !== undefined && old.data?.edge === edge
            ? old
            : {
                id: edge.id,
                source: edge.source,
                target: edge.target,
                type: "transition",
                data: { edge, kind: edge.kind, ...(edge.label === undefined ? {} : { label: edge.label }) },
                markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
                selectable: false,
                ariaLabel: `${edge.kind} from ${edge.source} to ${edge.target}`,
              };
        next.set(edge.id, flowEdge);
        return flowEdge;
      });
    edgeCache.current = next;
    return list;
  }, [graph, layout.boxes, holdEdges]);
  useEffect(() => {
    shownEdgeCount.current = shownEdges.length;
  }, [shownEdges]);

  const outline = useMemo(() => minimapOutline(graph, layout.boxes), [graph, layout.boxes]);

  const { fitView, setCenter, getInternalNode } = useReactFlow();
  const { focusRequest } = props;
  useEffect(() => {
    if (focusRequest === undefined) return;
    const internal = getInternalNode(focusRequest.id);
    if (internal !== undefined) {
      const { x, y } = internal.internals.positionAbsolute;
      void setCenter(x + (internal.width ?? 0) / 2, y + (internal.height ?? 0) / 2, { duration: 0, zoom: 1 });
    }
    document
      .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focusRequest.id)}"]`)
      ?.focus();
  }, [focusRequest, getInternalNode, setCenter]);
  const ready = !layout.pending && layout.boxes.size > 0 && !holdEdges;
  const latest = useRef({ graph, boxes: layout.boxes, horizontal });
  latest.current = { graph, boxes: layout.boxes, horizontal };
  // Fit once per document and direction, when its own layout is in: edits must not move the camera
  // (each relayout makes `ready` flip), and right after Open the graph is still the old document's.
  const fittedKey = useRef<string | undefined>(undefined);
  const settled = ready && props.analyzing !== true;
  useEffect(() => {
    if (!settled || fittedKey.current === fitKey) return;
    fittedKey.current = fitKey;
    const opening = openingViewNodes(latest.current.graph, latest.current.boxes, latest.current.horizontal);
    void fitView({
      padding: 0.1,
      duration: 0,
      maxZoom: 1,
      ...(opening === undefined ? {} : { nodes: opening }),
    });
  }, [fitKey, settled, fitView]);

  // The transition a dragged palette item would be inserted on, outlined while the drag is over it.
  const dropEdge = useRef<Element | undefined>(undefined);
  const markDropEdge = (pane: Element, id: string | undefined): void => {
    const element =
      id === undefined
        ? undefined
        : (pane.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"]`) ?? undefined);
    if (element === dropEdge.current) return;
    dropEdge.current?.classList.remove("drop-target");
    element?.classList.add("drop-target");
    dropEdge.current = element;
  };
  const edgeUnder = (event: DragEvent<HTMLElement>): GraphEdge | undefined => {
    if (!event.dataTransfer.types.includes(STATE_TYPE_DRAG_FORMAT)) return undefined;
    const id = edgeIdAtPoint(event.currentTarget, event.clientX, event.clientY);
    markDropEdge(event.currentTarget, id);
    return id === undefined ? undefined : graph.edges.find((edge) => edge.id === id);
  };

  const { onSelect, onConnect, onRename, onDelete } = props;
  const onNodesChange = useCallback(
    (changes: NodeChange<StateFlowNode>[]) => {
      // One click yields "select the new node" and "deselect the old one", in either order.
      const selections = changes.flatMap((change) => (change.type === "select" ? [change] : []));
      const picked = selections.find((change) => change.selected);
      if (picked !== undefined) onSelect(picked.id);
      else if (selections.some((change) => change.id === selectedId)) onSelect(undefined);
    },
    [onSelect, selectedId],
  );
  const sameScope = useCallback(
    (connection: Connection | TransitionFlowEdge) => {
      const source = byId.get(connection.source);
      const target = byId.get(connection.target);
      return (
        source !== undefined &&
        target !== undefined &&
        source.parentId === target.parentId &&
        source.type !== "Succeed" &&
        source.type !== "Fail"
      );
    },
    [byId],
  );

  return (
    <div
      className="graph-pane"
      data-testid="graph"
      data-layout={ready && props.analyzing !== true ? "ready" : "pending"}
      onDragOver={(event) => {
        if (edgeUnder(event) === undefined) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(event) => markDropEdge(event.currentTarget, undefined)}
      onDrop={(event) => {
        const edge = edgeUnder(event);
        markDropEdge(event.currentTarget, undefined);
        const type = event.dataTransfer.getData(STATE_TYPE_DRAG_FORMAT);
        const known = STATE_TYPES.find((name) => name === type);
        if (edge === undefined || known === undefined) return;
        event.preventDefault();
        props.onInsertOnEdge(edge, known);
      }}
      onKeyDown={(event) => {
        const focused = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
        const focusedId = focused?.dataset["id"];
        if (event.key === "Enter" && focusedId !== undefined && byId.get(focusedId)?.type !== "Branch") {
          event.preventDefault();
          onSelect(focusedId);
          props.onOpenForm(focusedId);
          return;
        }
        const node = selectedId === undefined ? undefined : byId.get(selectedId);
        const state = node === undefined || node.type === "Branch" ? undefined : node;
        const key = event.key.toLowerCase();
        const command = event.ctrlKey || event.metaKey;
        if (command && key === "v" && !event.shiftKey) props.onPaste();
        else if (state === undefined) return;
        else if (command && key === "c") props.onCopy(state);
        else if (command && key === "d") props.onDuplicate(state);
        else if (command) return;
        else if (event.key === "Delete" || event.key === "Backspace") onDelete(state);
        else if (event.key === "F2") onRename(state);
        else return;
        event.preventDefault();
      }}
    >
      <CollapseToggleContext value={props.onToggleCollapse}>
        <ReactFlow<StateFlowNode, TransitionFlowEdge>
          nodes={shownNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={dark ? "dark" : "light"}
          onNodesChange={onNodesChange}
          onConnect={(connection) => {
            const source = byId.get(connection.source);
            const target = byId.get(connection.target);
            if (source !== undefined && target !== undefined) onConnect(source, target);
          }}
          isValidConnection={sameScope}
          onNodeDoubleClick={(_, node) => {
            if (node.data.node.type !== "Branch") onRename(node.data.node);
          }}
          onPaneClick={() => onSelect(undefined)}
          deleteKeyCode={null}
          nodesDraggable={false}
          minZoom={0.1}
          onlyRenderVisibleElements={graph.nodes.length > LARGE_GRAPH_NODES}
        >
          <Background gap={20} />
          <GraphMiniMap outline={outline} />
          <Controls showInteractive={false} />
          <ExportButtons dark={dark} fileName={props.fileName} />
        </ReactFlow>
      </CollapseToggleContext>
    </div>
  );
}
