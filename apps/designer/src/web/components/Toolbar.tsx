import { openStateMachine } from "../api/state-machine-api.ts";
import type { DesignerDocument, DocumentSource } from "../hooks/useDesignerDocument.ts";
import type { ServerMachines } from "../hooks/useServerMachines.ts";
import { SAMPLES } from "../samples/samples.ts";

/** Props of the toolbar. */
export interface ToolbarProps {
  doc: DesignerDocument;
  server: ServerMachines;
  dark: boolean;
  horizontal: boolean;
  fileName: string;
  onToggleTheme: () => void;
  onToggleDirection: () => void;
  onOpen: (name: string, source: DocumentSource, text: string) => void;
  onUndo: () => void;
  onRedo: () => void;
  /** Opens the version diff dialog. */
  onCompare: () => void;
  onSave: () => void;
  onStatus: (status: string) => void;
}

/** Open (samples, server, file), download, save to server, undo/redo, layout direction and theme. */
export function Toolbar(props: ToolbarProps) {
  const { doc, server, onOpen, onStatus } = props;
  const openValue =
    doc.source.kind === "sample"
      ? `sample:${doc.source.id}`
      : doc.source.kind === "server"
        ? `server:${doc.source.stateMachineArn}`
        : "";
  return (
    <header className="toolbar">
      <h1>Stepflow designer</h1>
      <span className="doc-name" data-testid="doc-name">
        {doc.name}
        {doc.text !== doc.savedText && <span title="Unsaved changes"> •</span>}
      </span>
      <label className="open">
        <span className="visually-hidden">Open</span>
        <select
          data-testid="open-select"
          value={openValue}
          onChange={(event) => {
            const [kind, ...rest] = event.target.value.split(":");
            const id = rest.join(":");
            if (kind === "sample") {
              const sample = SAMPLES.find((s) => s.id === id);
              if (sample) onOpen(sample.title, { kind: "sample", id }, sample.text);
            } else if (kind === "server") {
              openStateMachine(id).then(
                (machine) =>
                  onOpen(machine.name, { kind: "server", stateMachineArn: id }, machine.definition),
                (error: unknown) => onStatus(`Could not open: ${String(error)}`),
              );
            }
          }}
        >
          <option value="" disabled>
            Open…
          </option>
          <optgroup label="Samples">
            {SAMPLES.map((sample) => (
              <option key={sample.id} value={`sample:${sample.id}`}>
                {sample.title}
              </option>
            ))}
          </optgroup>
          {server.available && (
            <optgroup label="Server" data-testid="server-machines">
              {server.items.map((item) => (
                <option key={item.stateMachineArn} value={`server:${item.stateMachineArn}`}>
                  {item.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="button-like">
        Open file
        <input
          type="file"
          accept=".json,.asl.json,application/json"
          data-testid="open-file"
          className="visually-hidden"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file === undefined) return;
            file.arrayBuffer().then(
              // ignoreBOM keeps a byte order mark in the text, so saving gives the same bytes back.
              (bytes) =>
                onOpen(
                  file.name,
                  { kind: "file" },
                  new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes),
                ),
              (error: unknown) => onStatus(`Could not read ${file.name}: ${String(error)}`),
            );
          }}
        />
      </label>
      <button
        type="button"
        data-testid="download"
        onClick={() => {
          const link = document.createElement("a");
          link.href = URL.createObjectURL(new Blob([doc.text], { type: "application/json" }));
          link.download = props.fileName.endsWith(".json") ? props.fileName : `${props.fileName}.asl.json`;
          link.click();
          window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
        }}
      >
        Download
      </button>
      <button
        type="button"
        data-testid="save-server"
        disabled={!server.available}
        title={server.available ? "Save as a new version on the server" : "No server API here: use Download"}
        onClick={props.onSave}
      >
        Save to server
      </button>
      <button
        type="button"
        data-testid="undo"
        disabled={!doc.canUndo}
        onClick={props.onUndo}
        title="Undo (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        data-testid="redo"
        disabled={!doc.canRedo}
        onClick={props.onRedo}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
      <button
        type="button"
        data-testid="compare"
        onClick={props.onCompare}
        title="Diff against another version"
      >
        Compare…
      </button>
      <button type="button" data-testid="direction-toggle" onClick={props.onToggleDirection}>
        {props.horizontal ? "Top-down" : "Left-right"}
      </button>
      <button
        type="button"
        data-testid="theme-toggle"
        onClick={props.onToggleTheme}
        aria-pressed={props.dark}
      >
        {props.dark ? "Light" : "Dark"} theme
      </button>
      {server.checked && (
        <span className="server-state" data-testid="server-state">
          {server.available ? "server connected" : "offline: samples and files"}
        </span>
      )}
    </header>
  );
}
