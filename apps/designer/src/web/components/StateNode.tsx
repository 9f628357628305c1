import { Handle, Position, type NodeProps, type Node } from "@xyflow/react";
import { memo, type ReactNode } from "react";
import type { GraphNode } from "../model/state-graph.ts";
import { CollapseToggle } from "./CollapseToggle.tsx";

/** What a state or group node draws from. */
export interface StateNodeData extends Record<string, unknown> {
  node: GraphNode;
  problems: number;
  horizontal: boolean;
  /** Set while a version diff is shown. */
  diff?: NodeDiff;
}

/** How a state differs from the compared version. */
export type NodeDiff = "added" | "changed";

/** A React Flow node carrying StateNodeData. */
export type StateFlowNode = Node<StateNodeData>;

/** Accessible name of a node: "Name, Type, status". */
export function nodeAriaLabel(node: GraphNode, problems: number): string {
  const status = problems === 0 ? "valid" : `${problems} problem${problems === 1 ? "" : "s"}`;
  return `${node.name}, ${node.type}, ${status}`;
}

/** A plain state: name, type, start/end marks, Retry and problem badges. */
export const StateNode = memo(function StateNode({ data, selected }: NodeProps<StateFlowNode>) {
  const { node, problems, horizontal } = data;
  return (
    <div
      className={`state-node type-${node.type.toLowerCase()}${selected ? " selected" : ""}${problems > 0 ? " has-problems" : ""}${data.diff === undefined ? "" : ` diff-${data.diff}`}`}
      data-testid={`node:${node.id}`}
      data-diff={data.diff}
      aria-label={nodeAriaLabel(node, problems)}
      title={`${node.name} (${node.type})`}
    >
      <Handle type="target" position={horizontal ? Position.Left : Position.Top} />
      <NodeHeader node={node} problems={problems} />
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} />
    </div>
  );
});

/**
 * A Parallel or Map state drawn as a group holding its branches or item processor, or, collapsed, as
 * one node counting the states it hides.
 */
export const GroupNode = memo(function GroupNode({ data, selected }: NodeProps<StateFlowNode>) {
  const { node, problems, horizontal } = data;
  return (
    <div
      className={`group-node type-${node.type.toLowerCase()}${node.collapsedStates === undefined ? "" : " collapsed"}${selected ? " selected" : ""}${problems > 0 ? " has-problems" : ""}${data.diff === undefined ? "" : ` diff-${data.diff}`}`}
      data-testid={`node:${node.id}`}
      data-diff={data.diff}
      aria-label={nodeAriaLabel(node, problems)}
    >
      <Handle type="target" position={horizontal ? Position.Left : Position.Top} />
      <NodeHeader node={node} problems={problems} toggle={<CollapseToggle node={node} />} />
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} />
    </div>
  );
});

/** A Parallel branch: a labelled frame, no transitions of its own. */
export const BranchNode = memo(function BranchNode({ data }: NodeProps<StateFlowNode>) {
  const { node, problems } = data;
  return (
    <div className="branch-node" data-testid={`node:${node.id}`} aria-label={nodeAriaLabel(node, problems)}>
      <span className="branch-label">{node.name}</span>
      {problems > 0 && <ProblemBadge count={problems} />}
    </div>
  );
});

function NodeHeader({ node, problems, toggle }: { node: GraphNode; problems: number; toggle?: ReactNode }) {
  return (
    <div className="node-header">
      <span className="node-name">
        {toggle}
        {node.isStart && (
          <span className="start-mark" title="StartAt" aria-hidden="true">
            ▶
          </span>
        )}
        {node.name}
      </span>
      <span className="node-meta">
        <span className="node-type">{node.type}</span>
        {node.collapsedStates !== undefined && (
          <span
            className="collapsed-count"
            data-testid={`collapsed-count:${node.id}`}
            title="States hidden in this collapsed group"
          >
            {node.collapsedStates} {node.collapsedStates === 1 ? "state" : "states"}
          </span>
        )}
        {node.hasRetry && (
          <span className="retry-badge" data-testid="retry-badge" title="Has Retry">
            ↻ Retry
          </span>
        )}
        {node.isEnd && <span className="end-mark">end</span>}
        {problems > 0 && <ProblemBadge count={problems} />}
      </span>
    </div>
  );
}

function ProblemBadge({ count }: { count: number }) {
  return (
    <span className="problem-badge" data-testid="problem-badge" title={`${count} problem(s)`}>
      {count}
    </span>
  );
}
