import type { Json } from "../json.ts";

/** What happened to an execution; the input of `advance`. */
export type Signal =
  | { type: "ExecutionStarted"; input: Json }
  | { type: "TaskStarted"; token: string; workerName?: string }
  | { type: "TaskSucceeded"; token: string; output: Json }
  | { type: "TaskFailed"; token: string; error: string; cause?: string }
  | { type: "TaskHeartbeat"; token: string }
  | { type: "TimerFired"; timer: string }
  | { type: "StopRequested"; error?: string; cause?: string }
  | { type: "RedriveRequested" };
