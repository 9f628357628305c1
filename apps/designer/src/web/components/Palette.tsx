import { useState } from "react";
import { STATE_TYPE_DRAG_FORMAT } from "./edge-at-point.ts";
import { STATE_TYPES, STATE_TYPE_HINTS, type StateTypeName } from "../model/state-templates.ts";

/** Props of the state palette. */
export interface PaletteProps {
  /** Where new states go, for the hint ("top level", "branch Fan/0"). */
  target: string;
  onAdd: (type: StateTypeName) => void;
  /** Name of the state on the designer's clipboard, if any. */
  copiedName?: string | undefined;
  onPaste: () => void;
}

/** Every ASL state type with a search box (and Paste, once a state was copied); a click adds one to the selected scope. */
export function Palette({ target, onAdd, copiedName, onPaste }: PaletteProps) {
  const [query, setQuery] = useState("");
  const shown = STATE_TYPES.filter((type) =>
    `${type} ${STATE_TYPE_HINTS[type]}`.toLowerCase().includes(query.trim().toLowerCase()),
  );
  return (
    <aside className="palette" aria-label="States palette" data-testid="palette">
      <input
        type="search"
        placeholder="Search states"
        aria-label="Search states"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="palette-target">Adds to {target}</p>
      {copiedName !== undefined && (
        <button
          type="button"
          className="palette-item paste"
          data-testid="paste-state"
          title="Paste a copy (Ctrl+V in the graph)"
          onClick={onPaste}
        >
          Paste {copiedName}
        </button>
      )}
      <ul>
        {shown.map((type) => (
          <li key={type}>
            <button
              type="button"
              data-testid={`palette:${type}`}
              className={`palette-item type-${type.toLowerCase()}`}
              title={`${STATE_TYPE_HINTS[type]} (click to add, or drag onto a transition to insert)`}
              onClick={() => onAdd(type)}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.setData(STATE_TYPE_DRAG_FORMAT, type);
                event.dataTransfer.effectAllowed = "copy";
              }}
            >
              {type}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
