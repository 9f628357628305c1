import { useMemo, useState } from "react";
import type { StateDiff } from "../diff/diff-states.ts";
import { lineDiff, type DiffLine } from "../diff/line-diff.ts";
import { ServerVersionPicker } from "./ServerVersionPicker.tsx";

const CONTEXT = 2;

/** The changed lines of a diff with a little context; long unchanged runs fold to "…". */
function hunks(lines: DiffLine[]): (DiffLine | { kind: "skip"; count: number })[] {
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.kind === "same") return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(lines.length - 1, i + CONTEXT); k++) keep[k] = true;
  });
  const out: (DiffLine | { kind: "skip"; count: number })[] = [];
  lines.forEach((line, i) => {
    if (keep[i]) out.push(line);
    else {
      const last = out.at(-1);
      if (last?.kind === "skip") last.count++;
      else out.push({ kind: "skip", count: 1 });
    }
  });
  return out;
}

/** The version diff beside the graph: counts, removed states (not on the graph) and the JSON diff. */
export function DiffPanel(props: {
  label: string;
  other: string;
  current: string;
  diff: StateDiff | undefined;
  onClose: () => void;
}) {
  const { diff } = props;
  const lines = useMemo(() => hunks(lineDiff(props.other, props.current)), [props.other, props.current]);
  return (
    <aside className="diff-panel" data-testid="diff-panel" aria-label="Version diff">
      <header>
        <strong>Compared with {props.label}</strong>
        <button type="button" data-testid="close-diff" onClick={props.onClose}>
          Close
        </button>
      </header>
      {diff === undefined ? (
        <p>One of the versions is not valid JSON: only the text diff is shown.</p>
      ) : (
        <p data-testid="diff-summary">
          <span className="diff-added-text">{diff.added.length} added</span>,{" "}
          <span className="diff-changed-text">{diff.changed.length} changed</span>,{" "}
          <span className="diff-removed-text">{diff.removed.length} removed</span>
          {diff.removed.length > 0 && <span data-testid="diff-removed">: {diff.removed.join(", ")}</span>}
        </p>
      )}
      <pre className="json-diff" data-testid="json-diff">
        {lines.map((line, i) =>
          line.kind === "skip" ? (
            <div key={i} className="diff-skip">
              … {line.count} unchanged line{line.count === 1 ? "" : "s"}
            </div>
          ) : (
            <div key={i} className={`diff-line diff-${line.kind}`} data-kind={line.kind}>
              {line.kind === "add" ? "+ " : line.kind === "del" ? "- " : "  "}
              {line.text}
            </div>
          ),
        )}
      </pre>
    </aside>
  );
}

/** Asks for the version to compare with: pasted text, or the version as opened or last saved. */
export function CompareDialog(props: {
  savedText: string;
  /** The open server state machine, whose published versions can be picked. */
  stateMachineArn?: string | undefined;
  onCompare: (label: string, text: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  return (
    <div className="dialog-backdrop" onKeyDown={(event) => event.key === "Escape" && props.onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        aria-label="Compare with another version"
        className="dialog"
        data-testid="compare-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          props.onCompare("the pasted version", text);
        }}
      >
        <h2>Compare with another version</h2>
        {props.stateMachineArn !== undefined && (
          <ServerVersionPicker stateMachineArn={props.stateMachineArn} onPick={props.onCompare} />
        )}
        <label>
          Paste a definition
          <textarea
            autoFocus
            rows={10}
            data-testid="compare-text"
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <div className="dialog-buttons">
          <button
            type="button"
            data-testid="compare-saved"
            onClick={() => props.onCompare("the saved version", props.savedText)}
          >
            Saved version
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" data-testid="compare-pasted" disabled={text.trim() === ""}>
            Compare
          </button>
        </div>
      </form>
    </div>
  );
}
