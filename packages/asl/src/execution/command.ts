import type { Json } from "../json.ts";
import type { ExecutionStatus } from "./snapshot.ts";

/** Why the core schedules a task of its own: a Distributed Map's ItemReader or ResultWriter. */
export type TaskPurpose = "ItemReader" | "ResultWriter";

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
      /** Set when a Distributed Map reads its items or writes its results: no task events, no size limit. */
      purpose?: TaskPurpose;
    }
  | { type: "CancelTask"; token: string; resource: string }
  /** A Distributed Map started a Map Run: make it findable by its ARN (DescribeMapRun). */
  | { type: "RecordMapRun"; mapRunArn: string; stateName: string }
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
