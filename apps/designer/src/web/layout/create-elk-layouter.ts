import ELK from "elkjs/lib/elk-api.js";
import elkWorkerUrl from "elkjs/lib/elk-worker.min.js?url";
import type { ElkLayouter } from "./layout-state-graph.ts";

/** An ELK whose layout runs in a Web Worker, so a large graph never blocks typing. */
export function createElkLayouter(): ElkLayouter {
  // elk-api is CommonJS with `ELK.default = ELK`, so `.default` is the constructor under every interop.
  return new ELK.default({ workerUrl: elkWorkerUrl });
}
