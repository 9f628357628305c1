import { useState } from "react";
import { copyState, duplicateState, pasteState, type CopiedState } from "../model/copy-state.ts";
import type { EditResult } from "../model/edit-result.ts";
import { stateIdAt } from "../model/problem-location.ts";
import type { GraphNode, JsonLocation } from "../model/state-graph.ts";

/** Copy, paste and duplicate of states, and what was copied last. */
export interface StateClipboard {
  copied: CopiedState | undefined;
  copy: (node: GraphNode) => void;
  /** Pastes into the `States` of `scope` (the root, a branch or a Map's processor). */
  paste: (scope: JsonLocation) => void;
  duplicate: (node: GraphNode) => void;
}

/**
 * The designer's own clipboard of states (the system clipboard would need a permission prompt, and
 * Ctrl+C in the JSON pane keeps copying text). Paste and duplicate are one undoable edit each, and
 * select the new state.
 */
export function useStateClipboard(options: {
  text: string;
  applyEdit: (result: EditResult) => string | undefined;
  onAdded: (id: string | undefined) => void;
  onStatus: (status: string) => void;
}): StateClipboard {
  const { text, applyEdit, onAdded, onStatus } = options;
  const [copied, setCopied] = useState<CopiedState | undefined>();
  const apply = (result: EditResult & { name?: string }, scope: JsonLocation, verb: string): void => {
    const refused = applyEdit(result);
    if (refused !== undefined || result.name === undefined) {
      onStatus(`Not changed: ${refused ?? "nothing to paste"}`);
      return;
    }
    onAdded(stateIdAt([...scope, "States", result.name]));
    onStatus(`${verb} ${result.name}`);
  };
  return {
    copied,
    copy(node) {
      const state = copyState(text, node.location);
      if (state === undefined) return;
      setCopied(state);
      onStatus(`Copied ${node.name}`);
    },
    paste(scope) {
      if (copied === undefined) onStatus("Nothing copied yet: select a state and press Ctrl+C");
      else apply(pasteState(text, scope, copied), scope, "Pasted");
    },
    duplicate(node) {
      apply(duplicateState(text, node.location), node.location.slice(0, -2), "Duplicated");
    },
  };
}
