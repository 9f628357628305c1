import { createStateMachine, saveVersion } from "../api/state-machine-api.ts";
import { documentProblems } from "../model/analyze-document.ts";
import type { DialogRequest } from "../components/Dialog.tsx";
import type { DesignerDocument, DocumentActions } from "./useDesignerDocument.ts";
import type { ServerMachines } from "./useServerMachines.ts";

/** Save to the server: a new version of the machine it came from, or a new machine. */
export function useSaving(
  doc: DesignerDocument,
  actions: DocumentActions,
  server: ServerMachines,
  setDialog: (request: DialogRequest) => void,
  setStatus: (status: string) => void,
): { save: () => void } {
  const send = (name?: string): void => {
    const text = doc.text;
    const source = doc.source;
    const request =
      source.kind === "server"
        ? saveVersion(source.stateMachineArn, text).then((saved) => {
            actions.markSaved(text);
            setStatus(`Saved ${saved.stateMachineVersionArn ?? "a new version"}`);
          })
        : createStateMachine(name ?? "untitled", text).then((created) => {
            actions.markSaved(text, { kind: "server", stateMachineArn: created.stateMachineArn });
            server.refresh();
            setStatus(`Saved as ${created.stateMachineVersionArn ?? created.stateMachineArn}`);
          });
    request.catch((error: unknown) =>
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const chooseName = (): void => {
    if (doc.source.kind === "server") return send();
    setDialog({
      kind: "prompt",
      title: "Save to the server",
      label: "State machine name",
      initial: doc.name.replace(/\s*\(sample\)$/, "").replace(/[^\w-]+/g, "-"),
      confirm: "Save",
      onDone: (name) => send(name),
    });
  };
  return {
    save: () => {
      // The worker may not have answered for the latest keystroke yet: then check here, once.
      const problems = doc.problemsCurrent ? doc.analysis.problems.length : documentProblems(doc.text).length;
      if (problems === 0) return chooseName();
      setDialog({
        kind: "confirm",
        title: "Save with problems?",
        message: `The definition has ${problems} problem${problems === 1 ? "" : "s"}; the server will refuse an invalid definition.`,
        confirm: "Save anyway",
        onDone: () => window.setTimeout(chooseName, 0),
      });
    },
  };
}
