/// <reference lib="webworker" />
import { documentProblems } from "../model/analyze-document.ts";

/** Validation requests from the page: `{ id, text }` in, `{ id, problems }` out. */
self.onmessage = (event: MessageEvent<{ id: number; text: string }>) => {
  const { id, text } = event.data;
  self.postMessage({ id, problems: documentProblems(text) });
};
