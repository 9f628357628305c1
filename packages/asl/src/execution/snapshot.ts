import type { Failure } from "../errors.ts";
import type { Json, JsonObject } from "../json.ts";
import type { TaskPurpose } from "./command.ts";

/** Execution status names, as DescribeExecution reports them. */
export const ExecutionStatus = {
  RUNNING: "RUNNING",
  SUCCEEDED: "SUCCEEDED",
  FAILED: "FAILED",
  TIMED_OUT: "TIMED_OUT",
  ABORTED: "ABORTED",
} as const;
export type ExecutionStatus = (typeof ExecutionStatus)[keyof typeof ExecutionStatus];

/**
 * Everything needed to continue an execution. JSON but for `waits`, an index the engine does not store
 * (`snapshotText` / `readSnapshot`).
 * `advance` takes ownership of the snapshot it is given and returns the next one.
 */
export interface Snapshot {
  status: ExecutionStatus;
  input: Json;
  output?: Json;
  failure?: Failure;
  startTime: number;
  /** Id of the last history event written. */
  eventId: number;
  /** Counter behind task tokens and timer ids, so they are deterministic per execution. */
  seq: number;
  /** Running frames: the top-level machine ("0"), each Parallel branch, each Map iteration. */
  frames: Record<string, Frame>;
  /**
   * Task token or timer id → the frame waiting for it: an index of what the frames say, not stored (see
   * `snapshotText`). A Map, not an object: 167-character tokens as property keys cost a string-table
   * insertion each, 10,000 of them for a wide Map's start and again for each result's lookup.
   */
  waits: Map<string, string>;
  /** Map Runs of Distributed Map states, oldest first (DescribeMapRun, ListMapRuns). */
  mapRuns?: MapRunRecord[];
  /** Redrives so far, and where the next one resumes: the top-level state that did not succeed. */
  redrive?: { count: number; from?: RedrivePoint };
}

/** Where a redrive resumes: the top-level state that did not succeed, as it was entered. */
export interface RedrivePoint {
  name: string;
  input: Json;
  vars: JsonObject;
  /** For a Parallel or Map state: the branches/iterations that succeeded (AWS redrives only the others). */
  kept?: KeptChild[];
}

/** One running (sub-)machine: the top level, a Parallel branch or a Map iteration. */
export interface Frame {
  id: string;
  /** Machine id in the compiled machine registry ("" for the top level). */
  machine: string;
  parent?: { frame: string; index: number };
  /** Variables assigned in this scope (enclosing scopes are read through `parent`). */
  vars: JsonObject;
  /** Context object extras for this frame (`$$.Map.Item`). */
  item?: { Index: number; Value: Json };
  lastEventId: number;
  at: ActiveState;
}

/** The state a frame is in, with what it is waiting for. */
export interface ActiveState {
  name: string;
  /** The state's raw input (before InputPath). */
  input: Json;
  enteredEventId: number;
  enteredTime: number;
  /** Attempts used per retrier, by retrier index. */
  attempts: number[];
  retryCount: number;
  /** The task token of the current attempt (`$$.Task.Token`). */
  token?: string;
  /** What the state waits for, if anything. */
  wait?: StateWait;
  /** Parallel/Map: children that succeeded before the state failed (kept for a redrive, dropped on retry). */
  kept?: KeptChild[];
  /** A Distributed Map's run: its ARN and the step it is at. */
  mapRun?: MapRunStep;
}

/** Where a Distributed Map is: reading its items, running its iterations, or writing its results. */
export interface MapRunStep {
  arn: string;
  phase: "reading" | "running" | "writing";
  /** While writing: the state's output once written (the Map Run ARN and the manifest's location). */
  output?: Json;
  /** While writing: how many results the files hold (DescribeMapRun's `resultsWritten`). */
  written?: number;
  /** While writing after the run failed: the failure to report once the results are written. */
  failure?: Failure;
}

/** Map Run status names, as DescribeMapRun reports them. */
export type MapRunStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";

/** One Map Run, as DescribeMapRun reports it once it is over (while running, its counts come from the frame). */
export interface MapRunRecord {
  arn: string;
  stateName: string;
  status: MapRunStatus;
  startTime: number;
  stopTime?: number;
  /** The Map's frame while the run is going. */
  frame?: string;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  total: number;
  succeeded: number;
  failed: number;
  aborted: number;
  resultsWritten: number;
}

/** A Parallel branch or Map iteration that succeeded: its index and output. */
export type KeptChild = [index: number, output: Json];

/** What a blocked state is waiting for. */
export type StateWait =
  | TaskWait
  | { kind: "timer"; timer: string; purpose: "wait" | "retry"; output?: Json; assigned?: JsonObject }
  | { kind: "children"; children: ChildrenProgress };

/**
 * A task the state waits for: what the engine needs to send it again if its queue loses it
 * (`taskCommand` rebuilds the ScheduleTask command). A wide Map keeps one per waiting iteration, so only
 * what the frame does not already hold is written: the token when it is not the state's `at.token` (a
 * Distributed Map's own ItemReader/ResultWriter tasks), the input when it is not the state's raw input,
 * the timers when there are any. The command's `stateName` and `attempt` are `at.name` and `at.retryCount`.
 * Snapshots written before this shape held the whole command (`schedule`): `upgradeSnapshot` converts them.
 */
export interface TaskWait {
  kind: "task";
  resource: string;
  token?: string;
  input?: Json;
  /** `<token>:timeout` / `<token>:heartbeat` timers; absent when there are none. */
  timers?: string[];
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  credentials?: Json;
  purpose?: TaskPurpose;
  started?: boolean;
}

/** Progress of a Parallel state's branches or a Map state's iterations. */
export interface ChildrenProgress {
  kind: "Parallel" | "Map";
  /** Machine ids: one per branch (Parallel) or the item processor (Map). */
  machines: string[];
  /** Branch inputs (Parallel) or iteration inputs (Map), by index. */
  inputs: Json[];
  results: (Json | null)[];
  /** Children running now (their frames point at this one through `parent`). */
  running: number;
  /** Position in `order` (or the index itself when every child runs) of the next child to start. */
  nextIndex: number;
  /** The child indexes to run, when a redrive kept some children's results; otherwise all, in order. */
  order?: number[];
  /** Map iterations whose failure was tolerated (their result is an Error/Cause object). */
  toleratedIndexes?: number[];
  done: number;
  failed: number;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  /** The Map iteration whose failure was not tolerated (its result is an Error/Cause object, for a ResultWriter). */
  failedIndex?: number;
}
