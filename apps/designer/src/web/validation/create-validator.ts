import { documentProblems, type LocatedProblem } from "../model/analyze-document.ts";

/** Validates texts off the main thread; answers come back through the `onResult` it was made with. */
export interface Validator {
  /** Asks for `text`'s problems. While the worker is busy only the newest waiting text is kept. */
  request(text: string): void;
  dispose(): void;
}

/**
 * A validator backed by a Web Worker running @stepflow/asl: a 500-state definition takes ~90 ms
 * to validate, which would otherwise be a main-thread task on every pause in typing. Texts that were
 * superseded while the worker was busy are never validated. Without Worker support (or if the
 * worker cannot start) it validates in a later task on the main thread.
 */
export function createValidator(onResult: (text: string, problems: LocatedProblem[]) => void): Validator {
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL("./validation-worker.ts", import.meta.url), { type: "module" });
  } catch {
    worker = undefined;
  }
  let seq = 0;
  let busy: { id: number; text: string } | undefined;
  let waiting: string | undefined;
  const send = (text: string): void => {
    busy = { id: ++seq, text };
    if (worker === undefined) {
      const sent = busy;
      setTimeout(() => finish(sent.id, documentProblems(sent.text)), 0);
    } else worker.postMessage(busy);
  };
  const finish = (id: number, problems: LocatedProblem[]): void => {
    if (busy?.id !== id) return;
    const { text } = busy;
    busy = undefined;
    onResult(text, problems);
    if (waiting !== undefined) {
      const next = waiting;
      waiting = undefined;
      send(next);
    }
  };
  worker?.addEventListener("message", (event: MessageEvent<{ id: number; problems: LocatedProblem[] }>) =>
    finish(event.data.id, event.data.problems),
  );
  worker?.addEventListener("error", (event) => {
    // A worker that fails to load falls back to the main thread rather than leaving problems stale.
    event.preventDefault();
    worker?.terminate();
    worker = undefined;
    const pending = busy;
    if (pending !== undefined) {
      busy = undefined;
      send(pending.text);
    }
  });
  return {
    request(text) {
      if (busy === undefined) send(text);
      else waiting = text;
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      busy = undefined;
      waiting = undefined;
    },
  };
}
