import type { Failure } from "../errors.ts";
import type { FlowContext } from "../io/data-flow.ts";
import type { Json, JsonObject } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { QueryLanguage } from "../machine/query-language.ts";
import type { ChildrenProgress, Frame, MapRunRecord } from "../execution/snapshot.ts";
import type { Command, TaskPurpose } from "../execution/command.ts";
import type { ExecutionInfo } from "../execution/env.ts";
import type { JsonataBindings } from "../jsonata/jsonata-template.ts";

/** How a state's evaluation ended for now. */
export type Outcome =
  /** Leave the state with this output (to `next`, or the state's own Next, or end the frame). */
  | { kind: "exit"; output: Json; assigned?: JsonObject | undefined; next?: string }
  /** The state waits for a signal (task result, timer, children). */
  | { kind: "blocked" }
  /** The state failed; Retry and Catch apply unless `final` (a Fail state). */
  | { kind: "failed"; failure: Failure; final?: boolean };

/** What compiling one state needs from the machine compiler. */
export interface CompileContext {
  machineId: string;
  language: QueryLanguage;
  /** Compiles a nested machine (Parallel branch, Map processor) and returns its id. */
  compileMachine(def: JsonObject, id: string, language: QueryLanguage): string;
}

/** What a state handler can ask of the running execution. */
export interface StateRun {
  /** Data-flow helpers bound to a frame (its scope, variables and context object). */
  flow(frame: Frame): FlowContext;
  /** JSONata bindings for a frame. */
  bindings(frame: Frame, states: { input: Json; result?: Json; errorOutput?: Json }): JsonataBindings;
  now(): number;
  /** Writes a history event for the frame and returns its id. */
  emit(frame: Frame, type: string, details?: JsonObject): number;
  /** Allocates a fresh timer id and starts it; the frame waits for it. */
  startTimer(frame: Frame, dueAt: number): string;
  /** Schedules a task; the frame waits for its token. */
  scheduleTask(frame: Frame, task: ScheduledTask): void;
  /** A fresh UUID from the env (Map Run ids). */
  uuid(): string;
  /** The execution's identity (its state machine's ARN and name). */
  executionInfo(): ExecutionInfo;
  /** The execution's Map Run records (created on first use). */
  mapRuns(): MapRunRecord[];
  /** Adds a command for the engine that is not about this frame's waits (RecordMapRun). */
  command(command: Command): void;
  /** A fresh task token (taken before Parameters so `$$.Task.Token` can be used). */
  newToken(): string;
  /** Starts child frames (Parallel branches / Map iterations) for the frame's current state. */
  startChildren(
    frame: Frame,
    machineIds: (index: number) => string,
    count: number,
    options: ChildrenOptions,
  ): void;
}

/** A task to hand to the engine. */
export interface ScheduledTask {
  token: string;
  resource: string;
  input: Json;
  timeoutSeconds: number | undefined;
  heartbeatSeconds: number | undefined;
  credentials: Json | undefined;
  /** A task the core runs for a state itself (a Distributed Map's ItemReader / ResultWriter): no task events. */
  purpose?: TaskPurpose;
}

/** How to run the children of a Parallel or Map state. */
export interface ChildrenOptions {
  kind: "Parallel" | "Map";
  inputs: Json[];
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

/** Compiles and evaluates one state type. Evaluators never see raw JSON: `compile` runs once per definition. */
export interface StateHandler<S extends CompiledStateBase> {
  compile(base: CompiledStateBase, def: JsonObject, ctx: CompileContext): S;
  /** Runs the state from the raw input in `frame.at.input` (also on each retry). */
  enter(run: StateRun, frame: Frame, state: S): Promise<Outcome>;
  /** The task the state scheduled succeeded. */
  onTaskSucceeded?(run: StateRun, frame: Frame, state: S, result: Json): Promise<Outcome>;
  /** The state's own timer (Wait) fired. */
  onTimer?(run: StateRun, frame: Frame, state: S): Promise<Outcome>;
  /** Every child finished (results in `frame.at.wait.children.results`). */
  onChildrenDone?(run: StateRun, frame: Frame, state: S): Promise<Outcome>;
  /** The children failed beyond what the state tolerates (default: the state fails with `failure`). */
  onChildrenFailed?(
    run: StateRun,
    frame: Frame,
    state: S,
    failure: Failure,
    progress: ChildrenProgress,
  ): Promise<Outcome>;
}
