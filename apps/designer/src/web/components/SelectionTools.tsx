import type { GraphNode } from "../model/state-graph.ts";

/** Props of the selected state's tool bar. */
export interface SelectionToolsProps {
  node: GraphNode;
  onRename: (node: GraphNode) => void;
  onDelete: (node: GraphNode) => void;
  onCopy: (node: GraphNode) => void;
  onDuplicate: (node: GraphNode) => void;
}

/** Rename, Delete, Copy and Duplicate for the selected state (the graph's keys do the same). */
export function SelectionTools({ node, onRename, onDelete, onCopy, onDuplicate }: SelectionToolsProps) {
  return (
    <div className="selection-tools" data-testid="selection-tools" aria-label="Selected state">
      <span className="selection-name">{node.name}</span>
      <button type="button" onClick={() => onRename(node)} data-testid="rename-state" title="Rename (F2)">
        Rename
      </button>
      <button type="button" onClick={() => onDelete(node)} data-testid="delete-state" title="Delete (Delete)">
        Delete
      </button>
      <button
        type="button"
        onClick={() => onCopy(node)}
        data-testid="copy-state"
        title="Copy (Ctrl+C in the graph)"
      >
        Copy
      </button>
      <button
        type="button"
        onClick={() => onDuplicate(node)}
        data-testid="duplicate-state"
        title="Duplicate (Ctrl+D in the graph)"
      >
        Duplicate
      </button>
    </div>
  );
}
