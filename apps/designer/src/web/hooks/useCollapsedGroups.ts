import { useCallback, useMemo, useState } from "react";
import { collapseGraph, type CollapsedGraph } from "../model/collapse-graph.ts";
import type { StateGraph } from "../model/state-graph.ts";

/** The drawn graph with its collapsed groups, and the actions that change them. */
export interface CollapsedGroups extends CollapsedGraph {
  collapsed: ReadonlySet<string>;
  /** Collapses an expanded Parallel or Map, expands a collapsed one. */
  toggle: (id: string) => void;
  /** Expands every group that hides `id`, so it can be shown (Find, Problems). */
  reveal: (id: string) => void;
  /** Expands everything (a new document). */
  expandAll: () => void;
}

/**
 * Which Parallel and Map groups are collapsed. A view setting, not part of the definition: it
 * changes no text and is not undone; ids of groups that no longer exist are harmless.
 */
export function useCollapsedGroups(graph: StateGraph): CollapsedGroups {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const drawn = useMemo(() => collapseGraph(graph, collapsed), [graph, collapsed]);
  const toggle = useCallback((id: string) => {
    setCollapsed((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const reveal = useCallback((id: string) => {
    setCollapsed((old) => {
      const hiding = [...old].filter((group) => id.startsWith(`${group}/`));
      return hiding.length === 0 ? old : new Set([...old].filter((group) => !hiding.includes(group)));
    });
  }, []);
  const expandAll = useCallback(() => setCollapsed(new Set()), []);
  return { ...drawn, collapsed, toggle, reveal, expandAll };
}
