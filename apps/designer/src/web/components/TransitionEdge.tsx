import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import type { EdgeKind, GraphEdge } from "../model/state-graph.ts";

/** What a transition edge draws from. */
export interface TransitionData extends Record<string, unknown> {
  kind: EdgeKind;
  label?: string;
  /** The transition drawn; its identity tells whether the edge must be redrawn. */
  edge?: GraphEdge;
}

/** A React Flow edge carrying TransitionData. */
export type TransitionFlowEdge = Edge<TransitionData>;

/**
 * One transition: solid for Next, Default and Choice rules (the last two labelled), dashed for Catch
 * (labelled with its ErrorEquals).
 */
export function TransitionEdge(props: EdgeProps<TransitionFlowEdge>) {
  const { source, target, data, markerEnd } = props;
  const [path, labelX, labelY] = getSmoothStepPath({ ...props, borderRadius: 10 });
  const kind = data?.kind ?? "next";
  return (
    <>
      <g data-testid={`edge:${source}->${target}`} data-kind={kind} className={`transition kind-${kind}`}>
        <BaseEdge path={path} {...(markerEnd === undefined ? {} : { markerEnd })} />
      </g>
      {data?.label !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label kind-${kind}`}
            data-testid={`edge-label:${source}->${target}`}
            data-kind={kind}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
