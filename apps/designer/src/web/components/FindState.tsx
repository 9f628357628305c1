import { useMemo, useState } from "react";
import type { GraphNode } from "../model/state-graph.ts";

const MAX_RESULTS = 12;

/** The states whose name contains `query` (case-insensitive), names starting with it first. */
export function findStates(nodes: GraphNode[], query: string): GraphNode[] {
  const needle = query.trim().toLowerCase();
  const states = nodes.filter((node) => node.type !== "Branch");
  if (needle === "") return states.slice(0, MAX_RESULTS);
  const hits = states.filter((node) => node.name.toLowerCase().includes(needle));
  const starts = hits.filter((node) => node.name.toLowerCase().startsWith(needle));
  return [...starts, ...hits.filter((node) => !starts.includes(node))].slice(0, MAX_RESULTS);
}

/** Ctrl+K: type part of a state's name, arrows to choose, Enter to select and focus it. */
export function FindState(props: {
  nodes: GraphNode[];
  onPick: (node: GraphNode) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => findStates(props.nodes, query), [props.nodes, query]);
  const pick = (node: GraphNode | undefined): void => {
    if (node === undefined) return;
    props.onClose();
    props.onPick(node);
  };
  return (
    <div className="dialog-backdrop" onClick={props.onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Find a state"
        className="dialog find-state"
        data-testid="find-state"
        onClick={(event) => event.stopPropagation()}
      >
        <input
          autoFocus
          aria-label="State name"
          data-testid="find-input"
          placeholder="Find a state by name"
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="find-results"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") props.onClose();
            else if (event.key === "ArrowDown") setActive((i) => Math.min(i + 1, results.length - 1));
            else if (event.key === "ArrowUp") setActive((i) => Math.max(i - 1, 0));
            else if (event.key === "Enter") pick(results[active]);
            else return;
            event.preventDefault();
          }}
        />
        <ul id="find-results" role="listbox" className="find-results">
          {results.map((node, index) => (
            <li
              key={node.id}
              role="option"
              aria-selected={index === active}
              data-testid={`find-result:${node.id}`}
              className={index === active ? "active" : ""}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(node);
              }}
            >
              <span>{node.name}</span> <span className="node-type">{node.type}</span>
              {node.parentId !== undefined && <span className="find-scope"> in {node.parentId}</span>}
            </li>
          ))}
          {results.length === 0 && <li className="find-empty">No state matches</li>}
        </ul>
      </div>
    </div>
  );
}
