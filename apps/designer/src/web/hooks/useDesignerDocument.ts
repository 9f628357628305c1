import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { parseDocument, type DocumentAnalysis, type LocatedProblem } from "../model/analyze-document.ts";
import { commitText, redo, startHistory, undo, type EditHistory } from "../model/edit-history.ts";
import type { EditResult } from "../model/edit-result.ts";
import { shareGraph } from "../model/share-graph.ts";
import { buildStateGraph, type StateGraph } from "../model/state-graph.ts";
import { createValidator, type Validator } from "../validation/create-validator.ts";

/** Where the open definition came from, which decides where Save goes. */
export type DocumentSource =
  { kind: "sample"; id: string } | { kind: "file" } | { kind: "server"; stateMachineArn: string };

/** The open definition: its name, source, text history, analysis and (last valid) graph. */
export interface DesignerDocument {
  /** Changes whenever a different definition is opened (not on edits). */
  openedAt: number;
  name: string;
  source: DocumentSource;
  text: string;
  /** The text as opened or last saved; equal to `text` means nothing to save. */
  savedText: string;
  analysis: DocumentAnalysis;
  graph: StateGraph;
  /** The `openedAt` of the definition `graph` was built from (it lags a newly opened one). */
  graphOpenedAt: number;
  /**
   * The analysis (and graph) still describe an earlier text: a deferred render is catching up, or
   * the validation worker has not answered for this text yet (its problems are the previous text's).
   */
  analyzing: boolean;
  /** `analysis.problems` are this text's (not an earlier one's, while the worker catches up). */
  problemsCurrent: boolean;
  /** The text is not JSON: `graph` is the last graph that was. */
  stale: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

/** The document actions the panes call. */
export interface DocumentActions {
  open: (name: string, source: DocumentSource, text: string) => void;
  /** A change typed in the code pane: bursts merge into one undo step. */
  typeText: (text: string) => void;
  /** A graph edit: one undo step; a refused edit returns its reason. */
  applyEdit: (result: EditResult) => string | undefined;
  undo: () => void;
  redo: () => void;
  /** Records `savedText` as saved (and where it now lives). */
  markSaved: (savedText: string, source?: DocumentSource) => void;
}

const EMPTY_GRAPH: StateGraph = { nodes: [], edges: [] };

/** The designer's document state: text is the truth, graph and problems derive from it. */
export function useDesignerDocument(initial: {
  name: string;
  source: DocumentSource;
  text: string;
}): [DesignerDocument, DocumentActions] {
  const [meta, setMeta] = useState({
    openedAt: 0,
    name: initial.name,
    source: initial.source,
    savedText: initial.text,
  });
  const [history, setHistory] = useState<EditHistory>(() => startHistory(initial.text));
  const text = history.present;
  // Analysis and the graph follow the text in a deferred render, so a keystroke paints in the editor
  // at once and a large definition's re-validation never blocks typing.
  const analyzed = useDeferredValue(
    useMemo(() => ({ text, openedAt: meta.openedAt }), [text, meta.openedAt]),
  );
  const parsed = useMemo(() => parseDocument(analyzed.text), [analyzed.text]);
  // Validation runs in a worker; until it answers, the previous text's problems stay shown.
  const [checked, setChecked] = useState<{ text: string | undefined; problems: LocatedProblem[] }>({
    text: undefined,
    problems: [],
  });
  const validator = useRef<Validator | undefined>(undefined);
  useEffect(() => {
    const created = createValidator((checkedText, problems) => setChecked({ text: checkedText, problems }));
    validator.current = created;
    return () => {
      created.dispose();
      validator.current = undefined;
    };
  }, []);
  useEffect(() => {
    validator.current?.request(text);
  }, [text]);
  const analysis = useMemo<DocumentAnalysis>(
    () => ({ ...parsed, problems: checked.problems }),
    [parsed, checked.problems],
  );
  const lastGraph = useRef<StateGraph>(EMPTY_GRAPH);
  const graph = useMemo(() => {
    // Invalid JSON keeps the last graph on screen (with a stale banner) rather than blanking it.
    // Unchanged nodes keep their identity so the graph pane re-renders only what an edit touched.
    if (parsed.parsed) lastGraph.current = shareGraph(lastGraph.current, buildStateGraph(parsed.value));
    return lastGraph.current;
  }, [parsed]);

  const actions = useMemo<DocumentActions>(
    () => ({
      open(name, source, openedText) {
        lastGraph.current = EMPTY_GRAPH;
        setMeta((m) => ({ openedAt: m.openedAt + 1, name, source, savedText: openedText }));
        setHistory(startHistory(openedText));
      },
      typeText(typed) {
        setHistory((h) => commitText(h, typed, performance.now(), "typing"));
      },
      applyEdit(result) {
        if (!result.ok) return result.reason;
        setHistory((h) => commitText(h, result.text, performance.now()));
        return undefined;
      },
      undo: () => setHistory(undo),
      redo: () => setHistory(redo),
      markSaved(savedText, source) {
        setMeta((m) => ({ ...m, savedText, ...(source === undefined ? {} : { source }) }));
      },
    }),
    [],
  );

  const document: DesignerDocument = {
    ...meta,
    text,
    analysis,
    graph,
    graphOpenedAt: analyzed.openedAt,
    analyzing: analyzed.text !== text || analyzed.openedAt !== meta.openedAt || checked.text !== text,
    problemsCurrent: checked.text === text,
    stale: !parsed.parsed,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
  };
  return [document, actions];
}
