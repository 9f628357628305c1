/** Undo/redo over whole document texts; graph and text edits share one history. */
export interface EditHistory {
  past: string[];
  present: string;
  future: string[];
  /** Commits tagged with the same group within `mergeWindowMs` merge into one step (typing). */
  lastGroup?: string;
  lastAt?: number;
}

/** How many steps back undo can go. */
export const HISTORY_LIMIT = 200;
const MERGE_WINDOW_MS = 800;

/** A history whose only state is `text`. */
export function startHistory(text: string): EditHistory {
  return { past: [], present: text, future: [] };
}

/**
 * Records `text` as the new present. A commit with the same `group` as the previous one within
 * 800 ms replaces it instead of adding a step, so a burst of typing undoes as one.
 */
export function commitText(history: EditHistory, text: string, at: number, group?: string): EditHistory {
  if (text === history.present) return history;
  const merge =
    group !== undefined &&
    group === history.lastGroup &&
    history.lastAt !== undefined &&
    at - history.lastAt < MERGE_WINDOW_MS &&
    history.past.length > 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT);
  return {
    past,
    present: text,
    future: [],
    ...(group === undefined ? {} : { lastGroup: group }),
    lastAt: at,
  };
}

/** Steps back one edit; unchanged when there is nothing to undo. */
export function undo(history: EditHistory): EditHistory {
  const previous = history.past.at(-1);
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

/** Steps forward one undone edit; unchanged when there is nothing to redo. */
export function redo(history: EditHistory): EditHistory {
  const next = history.future[0];
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(1) };
}
