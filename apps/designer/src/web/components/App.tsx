import { ReactFlowProvider } from "@xyflow/react";
import { findNodeAtLocation, type Node as JsonNode } from "jsonc-parser";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useDesignerDocument } from "../hooks/useDesignerDocument.ts";
import { useCollapsedGroups } from "../hooks/useCollapsedGroups.ts";
import { useGraphLayout } from "../hooks/useGraphLayout.ts";
import { useSaving } from "../hooks/useSaving.ts";
import { useServerMachines } from "../hooks/useServerMachines.ts";
import { useStateClipboard } from "../hooks/useStateClipboard.ts";
import { addState } from "../model/add-state.ts";
import { connectNext } from "../model/connect-next.ts";
import { deleteState } from "../model/delete-state.ts";
import { insertOnEdge } from "../model/insert-on-edge.ts";
import { diffStates } from "../diff/diff-states.ts";
import { stateIdAt } from "../model/problem-location.ts";
import { queryLanguageAt } from "../model/query-language-at.ts";
import { renameState } from "../model/rename-state.ts";
import { scopeForNewState } from "../model/scope-for-new-state.ts";
import { setStateFields } from "../model/set-state-field.ts";
import type { GraphEdge, GraphNode, JsonLocation } from "../model/state-graph.ts";
import type { StateTypeName } from "../model/state-templates.ts";
import { SAMPLES } from "../samples/samples.ts";
import { CodePane } from "./CodePane.tsx";
import { Dialog, type DialogRequest } from "./Dialog.tsx";
import { GraphPane } from "./GraphPane.tsx";
import { CompareDialog, DiffPanel } from "./DiffPanel.tsx";
import { FindState } from "./FindState.tsx";
import { Palette } from "./Palette.tsx";
import { SelectionTools } from "./SelectionTools.tsx";
import { StateForm } from "./StateForm.tsx";
import { ProblemsPanel } from "./ProblemsPanel.tsx";
import { Toolbar } from "./Toolbar.tsx";

const FIRST = SAMPLES[0];

/** The designer: toolbar, JSON and graph side by side, Problems below. */
export function App() {
  const [doc, actions] = useDesignerDocument({
    name: FIRST?.title ?? "Untitled",
    source: { kind: "sample", id: FIRST?.id ?? "" },
    text:
      FIRST?.text ??
      '{\n  "StartAt": "Start",\n  "States": {\n    "Start": { "Type": "Pass", "End": true }\n  }\n}\n',
  });
  const [dark, setDark] = useState(() => window.matchMedia("(prefers-color-scheme: dark)").matches);
  const [horizontal, setHorizontal] = useState(false);
  const groups = useCollapsedGroups(doc.graph);
  const layout = useGraphLayout(groups.graph, horizontal ? "RIGHT" : "DOWN", doc.graphOpenedAt);
  const server = useServerMachines();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [dialog, setDialog] = useState<DialogRequest | undefined>();
  const [status, setStatus] = useState("");
  const [reveal, setReveal] = useState<{ from: number; to: number; focus?: boolean } | undefined>();
  const [finding, setFinding] = useState(false);
  const [comparing, setComparing] = useState(false);
  const [compared, setCompared] = useState<{ label: string; text: string } | undefined>();
  const [focusRequest, setFocusRequest] = useState<{ id: string; seq: number } | undefined>();
  const [formRequest, setFormRequest] = useState(0);
  const formPane = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (formRequest > 0) formPane.current?.querySelector<HTMLElement>("input, select")?.focus();
  }, [formRequest]);
  const saving = useSaving(doc, actions, server, setDialog, setStatus);

  useEffect(() => {
    document.documentElement.dataset["theme"] = dark ? "dark" : "light";
  }, [dark]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || dialog !== undefined) return;
      if (event.key.toLowerCase() === "k" && !event.shiftKey) {
        event.preventDefault();
        setFinding(true);
        return;
      }
      const target = event.target as HTMLElement | null;
      if (target?.tagName === "INPUT" || target?.tagName === "TEXTAREA") return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) actions.undo();
      else if ((key === "z" && event.shiftKey) || key === "y") actions.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions, dialog]);

  const problemsByNode = useMemo(() => {
    // A collapsed group counts the problems of the states it hides.
    const counts = new Map<string, number>();
    for (const problem of doc.analysis.problems) {
      if (problem.stateId === undefined) continue;
      const shown = groups.hiddenIn.get(problem.stateId) ?? problem.stateId;
      counts.set(shown, (counts.get(shown) ?? 0) + 1);
    }
    return counts;
  }, [doc.analysis, groups.hiddenIn]);

  const stateDiff = useMemo(() => {
    if (compared === undefined || !doc.analysis.parsed) return undefined;
    let other: unknown;
    try {
      other = JSON.parse(compared.text);
    } catch {
      return undefined;
    }
    return diffStates(doc.analysis.value, other);
  }, [compared, doc.analysis]);
  const diffByNode = useMemo(() => {
    if (stateDiff === undefined) return undefined;
    const marks = new Map<string, "added" | "changed">();
    for (const id of stateDiff.added) marks.set(id, "added");
    for (const id of stateDiff.changed) marks.set(id, "changed");
    return marks;
  }, [stateDiff]);

  const lineOf = useCallback(
    (offset: number) => {
      let line = 1;
      for (let i = 0; i < offset && i < doc.text.length; i++) if (doc.text.charCodeAt(i) === 10) line++;
      return line;
    },
    [doc.text],
  );

  const refuse = (reason: string | undefined): boolean => {
    if (reason !== undefined) setStatus(`Not changed: ${reason}`);
    return reason !== undefined;
  };

  const selected = selectedId === undefined ? undefined : doc.graph.nodes.find((n) => n.id === selectedId);
  const addScope = scopeForNewState(selected, doc.graph.nodes);

  const rename = (node: GraphNode): void =>
    setDialog({
      kind: "prompt",
      title: `Rename ${node.name}`,
      label: "New name",
      initial: node.name,
      confirm: "Rename",
      onDone(value) {
        const result = renameState(doc.text, node.location, value);
        if (!result.ok) throw new Error(result.reason);
        actions.applyEdit(result);
        setSelectedId(stateIdAt([...node.location.slice(0, -1), value]));
        setStatus(`Renamed ${node.name} to ${value}`);
      },
    });

  const remove = (node: GraphNode): void =>
    setDialog({
      kind: "confirm",
      title: `Delete ${node.name}?`,
      message: `Delete the ${node.type} state "${node.name}"${node.isGroup ? " and everything inside it" : ""}? Transitions into it are rewired to its Next.`,
      confirm: "Delete",
      onDone() {
        if (refuse(actions.applyEdit(deleteState(doc.text, node.location)))) return;
        setSelectedId(undefined);
        setStatus(`Deleted ${node.name}`);
      },
    });

  const add = (type: StateTypeName): void => {
    const result = addState(doc.text, addScope.location, type);
    if (refuse(actions.applyEdit(result)) || result.name === undefined) return;
    setSelectedId(stateIdAt([...addScope.location, "States", result.name]));
    setStatus(`Added ${result.name}`);
  };

  const clipboard = useStateClipboard({
    text: doc.text,
    applyEdit: actions.applyEdit,
    onAdded: setSelectedId,
    onStatus: setStatus,
  });

  const insertBetween = (edge: GraphEdge, type: StateTypeName): void => {
    const source = doc.graph.nodes.find((node) => node.id === edge.source);
    const target = doc.graph.nodes.find((node) => node.id === edge.target);
    if (source === undefined || target === undefined) return;
    const result = insertOnEdge(doc.text, source.location, edge.kind, target.name, type);
    if (refuse(actions.applyEdit(result)) || result.name === undefined) return;
    setSelectedId(stateIdAt([...source.scope, "States", result.name]));
    setStatus(`Inserted ${result.name} between ${source.name} and ${target.name}`);
  };

  const connect = (source: GraphNode, target: GraphNode): void => {
    if (refuse(actions.applyEdit(connectNext(doc.text, source.location, target.name)))) return;
    setStatus(`${source.name} → ${target.name}`);
  };

  const fileName = doc.name
    .replace(/\s*\(sample\)$/, "")
    .replace(/[^\w.-]+/g, "-")
    .toLowerCase();

  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar
          doc={doc}
          server={server}
          dark={dark}
          horizontal={horizontal}
          fileName={fileName}
          onToggleTheme={() => setDark((d) => !d)}
          onToggleDirection={() => setHorizontal((h) => !h)}
          onOpen={(name, source, text) => {
            actions.open(name, source, text);
            groups.expandAll();
            setSelectedId(undefined);
            setStatus(`Opened ${name}`);
          }}
          onUndo={actions.undo}
          onRedo={actions.redo}
          onCompare={() => setComparing(true)}
          onSave={saving.save}
          onStatus={setStatus}
        />
        <main className="panes">
          <section className="pane code" aria-label="Definition JSON">
            <CodePane
              text={doc.text}
              openedAt={doc.openedAt}
              problems={doc.analysis.problems}
              problemsCurrent={doc.problemsCurrent}
              dark={dark}
              onType={actions.typeText}
              reveal={reveal}
            />
          </section>
          <section className="pane graph" aria-label="Graph">
            {doc.stale && (
              <div className="stale-banner" role="status" data-testid="stale-banner">
                The JSON does not parse (line {lineOf(doc.analysis.problems[0]?.from ?? 0)}): the graph shows
                the last valid version.
              </div>
            )}
            <div className="side">
              {selected !== undefined && selected.type !== "Branch" && (
                <SelectionTools
                  node={selected}
                  onRename={rename}
                  onDelete={remove}
                  onCopy={clipboard.copy}
                  onDuplicate={clipboard.duplicate}
                />
              )}
              {selected !== undefined && selected.type !== "Branch" && (
                <div ref={formPane}>
                  <StateForm
                    node={selected}
                    state={valueAt(doc.analysis.value, selected.location)}
                    jsonata={queryLanguageAt(doc.analysis.value, selected.location) === "JSONata"}
                    siblings={doc.graph.nodes
                      .filter((n) => n.parentId === selected.parentId && n.type !== "Branch")
                      .map((n) => n.name)}
                    onRefuse={(reason) => setStatus(`Not changed: ${reason}`)}
                    onChange={(change) => {
                      if (refuse(actions.applyEdit(setStateFields(doc.text, change)))) return;
                      setStatus(`Edited ${selected.name}`);
                    }}
                  />
                </div>
              )}
              {compared !== undefined && (
                <DiffPanel
                  label={compared.label}
                  other={compared.text}
                  current={doc.text}
                  diff={stateDiff}
                  onClose={() => setCompared(undefined)}
                />
              )}
              <Palette
                target={addScope.label}
                onAdd={add}
                copiedName={clipboard.copied?.name}
                onPaste={() => clipboard.paste(addScope.location)}
              />
            </div>
            <GraphPane
              graph={groups.graph}
              layout={layout}
              problemsByNode={problemsByNode}
              diffByNode={diffByNode}
              selectedId={selectedId}
              dark={dark}
              horizontal={horizontal}
              analyzing={doc.analyzing}
              fileName={fileName}
              fitKey={`${doc.openedAt}:${horizontal}`}
              onSelect={(id) => {
                setSelectedId(id);
                const node = doc.graph.nodes.find((n) => n.id === id);
                const range = node === undefined ? undefined : keyRange(doc.analysis.tree(), node.location);
                if (range !== undefined) setReveal(range);
              }}
              onOpenForm={() => setFormRequest((n) => n + 1)}
              focusRequest={focusRequest}
              onConnect={connect}
              onRename={rename}
              onDelete={remove}
              onCopy={clipboard.copy}
              onDuplicate={clipboard.duplicate}
              onPaste={() => clipboard.paste(addScope.location)}
              onToggleCollapse={groups.toggle}
              onInsertOnEdge={insertBetween}
            />
          </section>
        </main>
        <ProblemsPanel
          problems={doc.analysis.problems}
          lineOf={lineOf}
          onPick={(problem) => {
            if (problem.stateId !== undefined) {
              groups.reveal(problem.stateId);
              setSelectedId(problem.stateId);
            }
            setReveal({ from: problem.from, to: problem.to, focus: true });
          }}
        />
        <footer className="status" role="status" aria-live="polite" data-testid="status">
          {status}
        </footer>
        {comparing && (
          <CompareDialog
            savedText={doc.savedText}
            stateMachineArn={doc.source.kind === "server" ? doc.source.stateMachineArn : undefined}
            onClose={() => setComparing(false)}
            onCompare={(label, text) => {
              setComparing(false);
              setCompared({ label, text });
            }}
          />
        )}
        {finding && (
          <FindState
            nodes={doc.graph.nodes}
            onClose={() => setFinding(false)}
            onPick={(node) => {
              groups.reveal(node.id);
              setSelectedId(node.id);
              setFocusRequest((r) => ({ id: node.id, seq: (r?.seq ?? 0) + 1 }));
              setStatus(`Found ${node.name}`);
            }}
          />
        )}
        {dialog !== undefined && <Dialog request={dialog} onClose={() => setDialog(undefined)} />}
      </div>
    </ReactFlowProvider>
  );
}

function keyRange(
  tree: JsonNode | undefined,
  location: JsonLocation,
): { from: number; to: number } | undefined {
  const key = tree === undefined ? undefined : findNodeAtLocation(tree, location)?.parent?.children?.[0];
  return key === undefined ? undefined : { from: key.offset, to: key.offset + key.length };
}

function valueAt(value: unknown, location: JsonLocation): unknown {
  let current = value;
  for (const step of location) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
