export { Worker, createWorker, type WorkerOptions, type WorkerCloseOptions } from "./worker.ts";
export { runWorkerProcess, type WorkerProcess, type WorkerProcessOptions } from "./worker-process.ts";
export {
  defineHandler,
  type TaskHandler,
  type TaskContext,
  type AnyTaskHandler,
  type HandlerMap,
} from "./task-handler.ts";
export { TaskFailure, MAX_CAUSE_LENGTH, MAX_ERROR_LENGTH } from "./task-failure.ts";
export { TaskAborted, TaskAbortKind } from "./task-aborted.ts";
export { failureOf, FailureStyle, type TaskFailureReport } from "./failure-of.ts";
export { jsonResult, INVALID_RESULT_ERROR, type JsonResult } from "./json-result.ts";
export { QUARANTINE_QUEUE, DEFAULT_STALL_LIMIT, poisonFailure, type QuarantinedTask } from "./poison-task.ts";
export {
  listQuarantined,
  countQuarantined,
  findQuarantined,
  dropQuarantined,
  quarantineDetail,
  type QuarantineEntry,
  type QuarantineDetail,
} from "./quarantine.ts";
