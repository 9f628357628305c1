import type { Json } from "../json.ts";
import type { ExecutionStatus } from "./snapshot.ts";

/** What the engine must do after an `advance`; the output of the pure core besides history. */
export type Command =
  | {
      type: "ScheduleTask";
      token: string;
      resource: string;
      input: Json;
      stateName: string;
      attempt: number;
      timeoutSeconds?: number;
      heartbeatSeconds?: number;
      credentials?: Json;
    }
  | { type: "CancelTask"; token: string; resource: string }
  /** Starts or moves a timer; firing it sends `TimerFired` with the same id. */
  | { type: "StartTimer"; timer: string; dueAt: number }
  | { type: "CancelTimer"; timer: string }
  | {
      type: "CompleteExecution";
      status: Exclude<ExecutionStatus, "RUNNING">;
      output?: Json;
      error?: string;
      cause?: string;
    };
