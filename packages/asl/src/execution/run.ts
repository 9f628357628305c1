import { StatesError, StatesFailure, type Failure } from "../errors.ts";
import type { FlowContext } from "../io/data-flow.ts";
import { awsJsonataFunctions } from "../jsonata/aws-functions.ts";
import type { JsonataBindings } from "../jsonata/jsonata-template.ts";
import type { Json, JsonObject } from "../json.ts";
import type { CompiledStateBase, MachineRegistry } from "../machine/compiled-state.ts";
import { StateType } from "../machine/state-type.ts";
import { errorMatches } from "../retry/error-matches.ts";
import { retryDelayMs } from "../retry/retrier.ts";
import { stateHandlers } from "../states/handlers.ts";
import type { ChildrenOptions, Outcome, ScheduledTask, StateRun } from "../states/state-handler.ts";
import type { Command } from "./command.ts";
import { executionContext } from "./context-object.ts";
import { Fanout } from "./fanout.ts";
import { FrameScopes } from "./frame-scopes.ts";
import { planTask } from "./task-plan.ts";
import { taskToken, taskWait } from "./task-wait.ts";
import { catchError } from "../retry/catch-error.ts";
import type { Env, ExecutionInfo } from "./env.ts";
import { detailsKey, type HistoryEvent } from "./history-event.ts";
import type { Signal } from "./signal.ts";
import type { ExecutionStatus, Frame, KeptChild, MapRunRecord, Snapshot, TaskWait } from "./snapshot.ts";
import { taskEvents } from "./task-events.ts";
import { abortMapRun, mapTaskFailed } from "../states/map/map-run.ts";

const EXECUTION_TIMEOUT = "execution-timeout";

/** Event type names per state type, made once: building them per state showed in profiles. */
const stateEvents = Object.fromEntries(
  Object.values(StateType).map((type) => [
    type,
    { entered: `${type}StateEntered`, exited: `${type}StateExited` },
  ]),
) as Record<StateType, { entered: string; exited: string }>;

/**
 * One `advance` call: applies a signal to a snapshot and runs every frame it wakes until each one blocks
 * or the execution ends. Frames run in FIFO order, so the history is deterministic.
 */
export class Run implements StateRun {
  readonly events: HistoryEvent[] = [];
  readonly commands: Command[] = [];
  private readonly queue: (() => Promise<void>)[] = [];
  /** `$$.Execution` and `$$.StateMachine`, made on first read: most advances never read the Context object. */
  private execution: JsonObject | undefined;
  private readonly scopes: FrameScopes;
  private readonly fanout: Fanout;

  constructor(
    private readonly registry: MachineRegistry,
    readonly snapshot: Snapshot,
    private readonly env: Env,
  ) {
    this.fanout = new Fanout({
      snapshot: this.snapshot,
      emit: (frame, type, details) => this.emit(frame, type, details),
      spawn: (machine, parent, lastEventId, input) => {
        const child = this.newFrame(machine, parent, lastEventId);
        this.queue.push(() => this.begin(child, input));
      },
      resume: (frame, step) => this.queue.push(() => this.proceed(frame, step)),
      childrenDone: (frame) => {
        const state = this.stateNamed(frame, frame.at.name);
        this.queue.push(() =>
          this.proceed(frame, () => stateHandlers[state.type].onChildrenDone!(this, frame, state)),
        );
      },
      childrenFailed: (frame, failure) => {
        const state = this.stateNamed(frame, frame.at.name);
        const handler = stateHandlers[state.type];
        const progress = frame.at.wait?.kind === "children" ? frame.at.wait.children : undefined;
        delete frame.at.wait;
        this.queue.push(() =>
          this.proceed(frame, () =>
            handler.onChildrenFailed && progress
              ? handler.onChildrenFailed(this, frame, state, failure, progress)
              : Promise.resolve({ kind: "failed", failure }),
          ),
        );
      },
      abortChildren: (parent) => this.abortChildren(parent),
    });
    this.scopes = new FrameScopes(
      snapshot,
      env,
      awsJsonataFunctions(env),
      () => (this.execution ??= this.executionContext()),
    );
  }

  private executionContext(): JsonObject {
    const { snapshot, env } = this;
    return executionContext(env, snapshot.input, snapshot.startTime, snapshot.redrive?.count ?? 0);
  }

  /** Applies the signal and runs until nothing more can happen without another signal. */
  async apply(signal: Signal): Promise<void> {
    if (this.snapshot.status !== "RUNNING" && signal.type !== "RedriveRequested") return;
    this.dispatch(signal);
    while (this.queue.length > 0) await this.queue.shift()!();
  }

  private dispatch(signal: Signal): void {
    switch (signal.type) {
      case "ExecutionStarted":
        return this.start();
      case "StopRequested":
        return this.end("ABORTED", {
          ...optional("error", signal.error),
          ...optional("cause", signal.cause),
        });
      case "TimerFired":
        return this.timerFired(signal.timer);
      case "RedriveRequested":
        return this.redrive();
      default:
        return this.taskSignal(signal);
    }
  }

  /** Redrive (AWS "Redriving executions"): re-enters the top-level state that did not succeed. */
  private redrive(): void {
    const { snapshot } = this;
    const from = snapshot.redrive?.from;
    if (snapshot.status === "RUNNING" || snapshot.status === "SUCCEEDED" || !from) return;
    snapshot.status = "RUNNING";
    delete snapshot.output;
    delete snapshot.failure;
    snapshot.redrive = { count: (snapshot.redrive?.count ?? 0) + 1 };
    this.execution = undefined;
    this.emitExecution("ExecutionRedriven", { redriveCount: snapshot.redrive.count });
    if (this.registry.timeoutSeconds !== undefined) {
      this.commands.push({
        type: "StartTimer",
        timer: EXECUTION_TIMEOUT,
        dueAt: this.env.now() + this.registry.timeoutSeconds * 1000,
      });
    }
    const root = this.newFrame(this.registry.root.id, undefined, snapshot.eventId);
    root.vars = from.vars;
    this.queue.push(() => this.proceed(root, () => this.enter(root, from.name, from.input, from.kept)));
  }

  /** Remembers where a redrive would resume, before the top-level frame goes away. */
  private rememberRedrivePoint(root: Frame): void {
    // A Parallel/Map still running (a stop or timeout): its finished children are kept for the redrive.
    const finished = this.fanout.keptChildren(root);
    if (finished.length > 0) root.at.kept = finished;
    this.snapshot.redrive = {
      count: this.snapshot.redrive?.count ?? 0,
      from: {
        name: root.at.name,
        input: root.at.input,
        vars: root.vars,
        ...(root.at.kept ? { kept: root.at.kept } : {}),
      },
    };
  }

  private start(): void {
    const { input } = this.snapshot;
    this.emitExecution("ExecutionStarted", {
      input,
      inputDetails: { truncated: false },
      roleArn: this.env.execution.roleArn,
    });
    if (this.registry.timeoutSeconds !== undefined) {
      this.commands.push({
        type: "StartTimer",
        timer: EXECUTION_TIMEOUT,
        dueAt: this.snapshot.startTime + this.registry.timeoutSeconds * 1000,
      });
    }
    const root = this.newFrame(this.registry.root.id, undefined, this.snapshot.eventId);
    this.queue.push(() => this.begin(root, input));
  }

  // ---- frames ---------------------------------------------------------------------------------------

  private newFrame(machine: string, parent: Frame["parent"], lastEventId: number): Frame {
    const id = parent === undefined ? "0" : `f${++this.snapshot.seq}`;
    const frame: Frame = {
      id,
      machine,
      vars: {},
      lastEventId,
      at: { name: "", input: null, enteredEventId: 0, enteredTime: 0, attempts: [], retryCount: 0 },
    };
    if (parent) frame.parent = parent;
    this.snapshot.frames[id] = frame;
    return frame;
  }

  private begin(frame: Frame, input: Json): Promise<void> {
    const machine = this.registry.machines.get(frame.machine)!;
    return this.proceed(frame, () => this.enter(frame, machine.startAt, input));
  }

  private enter(frame: Frame, name: string, input: Json, kept?: KeptChild[]): Promise<Outcome> {
    const state = this.stateNamed(frame, name);
    frame.at = { name, input, enteredEventId: 0, enteredTime: this.env.now(), attempts: [], retryCount: 0 };
    if (kept) frame.at.kept = kept;
    frame.at.enteredEventId = this.emit(frame, stateEvents[state.type].entered, {
      name,
      input,
      inputDetails: { truncated: false },
    });
    return stateHandlers[state.type].enter(this, frame, state);
  }

  /** Drives a frame from an outcome: exits and transitions, retries and catches, until it blocks or ends. */
  private async proceed(frame: Frame, step: () => Promise<Outcome>): Promise<void> {
    let outcome = await this.guard(frame, step);
    for (;;) {
      if (this.snapshot.frames[frame.id] !== frame || this.snapshot.status !== "RUNNING") return;
      const state = this.stateNamed(frame, frame.at.name);
      if (outcome.kind === "blocked") return;
      if (outcome.kind === "failed") {
        if (outcome.final) return this.failFrame(frame, outcome.failure);
        const failure = outcome.failure;
        outcome = await this.guard(frame, () => this.recover(frame, state, failure));
        if (outcome.kind === "failed") return this.failFrame(frame, outcome.failure);
        continue;
      }
      const { output, assigned } = outcome;
      if (assigned) Object.assign(frame.vars, assigned);
      const exited: JsonObject = {
        name: state.name,
        output,
        outputDetails: { truncated: false },
      };
      if (assigned && Object.keys(assigned).length > 0) {
        exited.assignedVariables = assigned;
        exited.assignedVariablesDetails = { truncated: false };
      }
      if (state.type !== "Fail") this.emit(frame, stateEvents[state.type].exited, exited);
      const next = outcome.next ?? state.next;
      if (next === undefined) return this.finishFrame(frame, output);
      outcome = await this.guard(frame, () => this.enter(frame, next, output));
    }
  }

  /** Turns a StatesFailure thrown while evaluating a state into a failed outcome, with AWS's cause prefix. */
  private async guard(frame: Frame, step: () => Promise<Outcome>): Promise<Outcome> {
    try {
      return await step();
    } catch (error) {
      const failure =
        error instanceof StatesFailure
          ? error.toFailure()
          : {
              error: StatesError.Runtime,
              cause: `Internal error: ${error instanceof Error ? error.message : String(error)}`,
            };
      if (failure.cause !== undefined && failure.error !== StatesError.NoChoiceMatched) {
        failure.cause = `An error occurred while executing the state '${frame.at.name}' (entered at the event id #${frame.at.enteredEventId}). ${failure.cause}`;
      }
      return { kind: "failed", failure };
    }
  }

  /** Retry, then Catch (ASL "Error handling"); a failure neither covers is final for the state. */
  private async recover(frame: Frame, state: CompiledStateBase, failure: Failure): Promise<Outcome> {
    const error = failure.error ?? "";
    const retryIndex = state.retriers.findIndex((r) => errorMatches(r.errorEquals, error));
    const retrier = state.retriers[retryIndex];
    if (retrier) {
      const used = frame.at.attempts[retryIndex] ?? 0;
      if (used < retrier.maxAttempts) {
        delete frame.at.kept; // a retried Parallel/Map runs every child again
        frame.at.attempts[retryIndex] = used + 1;
        frame.at.retryCount += 1;
        const timer = this.startTimer(
          frame,
          this.env.now() + retryDelayMs(retrier, used, () => this.env.random()),
        );
        frame.at.wait = { kind: "timer", timer, purpose: "retry" };
        return { kind: "blocked" };
      }
    }
    return (
      (await catchError(state, failure, frame.at.input, this.flow(frame))) ?? {
        kind: "failed",
        failure,
        final: true,
      }
    );
  }

  private finishFrame(frame: Frame, output: Json): void {
    delete this.snapshot.frames[frame.id];
    if (!frame.parent) return this.end("SUCCEEDED", { output });
    this.fanout.succeeded(frame, output);
  }

  private failFrame(frame: Frame, failure: Failure): void {
    delete this.snapshot.frames[frame.id];
    if (frame.parent) return this.fanout.failed(frame, failure);
    this.rememberRedrivePoint(frame);
    this.end("FAILED", failure);
  }

  /** Stops a frame and everything under it: its task, its timers, its children. */
  private abortFrame(id: string): void {
    const frame = this.snapshot.frames[id];
    if (!frame) return;
    delete this.snapshot.frames[id];
    const wait = frame.at.wait;
    if (wait?.kind === "task") {
      const token = taskToken(frame.at, wait);
      this.commands.push({ type: "CancelTask", token, resource: wait.resource });
      this.snapshot.waits.delete(token);
      for (const timer of wait.timers ?? []) this.cancelTimer(timer);
    } else if (wait?.kind === "timer") {
      this.cancelTimer(wait.timer);
    } else if (wait?.kind === "children") {
      this.abortChildren(frame);
    }
    if (frame.at.mapRun) abortMapRun(this, frame);
    if (frame.parent) {
      const parent = this.snapshot.frames[frame.parent.frame];
      if (parent?.at.wait?.kind === "children" && parent.at.wait.children.kind === "Map") {
        this.emit(parent, "MapIterationAborted", { name: parent.at.name, index: frame.parent.index });
      }
    }
  }

  /** Aborts every running child of a frame (rare: failures and stops), found by their parent link. */
  private abortChildren(parent: Frame): void {
    for (const child of Object.values(this.snapshot.frames)) {
      if (child.parent?.frame === parent.id) this.abortFrame(child.id);
    }
  }

  private end(
    status: Exclude<ExecutionStatus, "RUNNING">,
    result: { output?: Json; error?: string; cause?: string },
  ): void {
    const root = this.snapshot.frames["0"];
    if (root && status !== "SUCCEEDED") this.rememberRedrivePoint(root);
    for (const id of Object.keys(this.snapshot.frames)) this.abortFrame(id);
    const snapshot = this.snapshot;
    snapshot.status = status;
    if (status === "SUCCEEDED") {
      snapshot.output = result.output ?? null;
      this.emitExecution("ExecutionSucceeded", {
        output: snapshot.output,
        outputDetails: { truncated: false },
      });
    } else {
      const failure: Failure = {};
      if (result.error !== undefined) failure.error = result.error;
      if (result.cause !== undefined) failure.cause = result.cause;
      snapshot.failure = failure;
      const type = { FAILED: "ExecutionFailed", ABORTED: "ExecutionAborted", TIMED_OUT: "ExecutionTimedOut" }[
        status
      ];
      this.emitExecution(type, failure as JsonObject);
    }
    if (this.registry.timeoutSeconds !== undefined && status !== "TIMED_OUT")
      this.cancelTimer(EXECUTION_TIMEOUT);
    const command: Command = { type: "CompleteExecution", status };
    if (snapshot.output !== undefined) command.output = snapshot.output;
    if (snapshot.failure?.error !== undefined) command.error = snapshot.failure.error;
    if (snapshot.failure?.cause !== undefined) command.cause = snapshot.failure.cause;
    this.commands.push(command);
    this.queue.length = 0;
  }

  // ---- signals ---------------------------------------------------------------------------------------

  private taskSignal(signal: Extract<Signal, { token: string }>): void {
    const frame = this.waiting(signal.token);
    const wait = frame?.at.wait;
    if (!frame || wait?.kind !== "task" || taskToken(frame.at, wait) !== signal.token) return;
    const purpose = wait.purpose;
    const events = taskEvents(wait.resource);
    if (signal.type === "TaskStarted") {
      // One TaskStarted per task, as AWS records it, however often a worker (or a redelivery) reports it.
      if (wait.started) return;
      wait.started = true;
      if (!purpose) this.emit(frame, ...events.started(signal.workerName));
      return;
    }
    if (signal.type === "TaskHeartbeat") {
      const heartbeat = wait.timers?.find((t) => t.endsWith(":heartbeat"));
      const seconds = wait.heartbeatSeconds;
      if (heartbeat && seconds !== undefined)
        this.commands.push({ type: "StartTimer", timer: heartbeat, dueAt: this.env.now() + seconds * 1000 });
      return;
    }
    this.settleTask(frame, wait);
    const state = this.stateNamed(frame, frame.at.name);
    if (signal.type === "TaskSucceeded") {
      if (!purpose) this.emit(frame, ...events.succeeded(signal.output));
      const handler = stateHandlers[state.type];
      this.queue.push(() =>
        this.proceed(frame, () => handler.onTaskSucceeded!(this, frame, state, signal.output)),
      );
      return;
    }
    const failure: Failure = { error: signal.error };
    if (signal.cause !== undefined) failure.cause = signal.cause;
    if (purpose) {
      this.queue.push(() =>
        this.proceed(frame, () => Promise.resolve(mapTaskFailed(this, frame, purpose, failure))),
      );
      return;
    }
    this.emit(frame, ...events.failed(failure));
    this.queue.push(() => this.proceed(frame, () => Promise.resolve({ kind: "failed", failure })));
  }

  private timerFired(timer: string): void {
    if (timer === EXECUTION_TIMEOUT) {
      return this.end("TIMED_OUT", { error: StatesError.Timeout, cause: "The execution timed out." });
    }
    const frame = this.waiting(timer);
    const wait = frame?.at.wait;
    if (!frame || !wait) return;
    const state = this.stateNamed(frame, frame.at.name);
    if (wait.kind === "task") {
      if (!wait.timers?.includes(timer)) return;
      const heartbeat = timer.endsWith(":heartbeat");
      const error = heartbeat ? StatesError.HeartbeatTimeout : StatesError.Timeout;
      this.settleTask(frame, wait);
      this.commands.push({ type: "CancelTask", token: taskToken(frame.at, wait), resource: wait.resource });
      const failure: Failure = { error };
      this.emit(frame, ...taskEvents(wait.resource).timedOut(error));
      this.queue.push(() => this.proceed(frame, () => Promise.resolve({ kind: "failed", failure })));
      return;
    }
    if (wait.kind !== "timer" || wait.timer !== timer) return;
    this.snapshot.waits.delete(timer);
    const handler = stateHandlers[state.type];
    if (wait.purpose === "retry") {
      delete frame.at.wait;
      this.queue.push(() => this.proceed(frame, () => handler.enter(this, frame, state)));
    } else {
      this.queue.push(() =>
        this.proceed(frame, async () => {
          const outcome = await handler.onTimer!(this, frame, state);
          delete frame.at.wait;
          return outcome;
        }),
      );
    }
  }

  private settleTask(frame: Frame, wait: TaskWait): void {
    this.snapshot.waits.delete(taskToken(frame.at, wait));
    for (const timer of wait.timers ?? []) this.cancelTimer(timer);
    delete frame.at.wait;
  }

  private waiting(key: string): Frame | undefined {
    const id = this.snapshot.waits.get(key);
    return id === undefined ? undefined : this.snapshot.frames[id];
  }

  // ---- StateRun --------------------------------------------------------------------------------------

  now(): number {
    return this.env.now();
  }

  uuid(): string {
    return this.env.uuid();
  }

  executionInfo(): ExecutionInfo {
    return this.env.execution;
  }

  mapRuns(): MapRunRecord[] {
    return (this.snapshot.mapRuns ??= []);
  }

  command(command: Command): void {
    this.commands.push(command);
  }

  newToken(): string {
    return this.env.taskToken ? this.env.taskToken() : this.env.uuid();
  }

  emit(frame: Frame, type: string, details?: JsonObject): number {
    const id = ++this.snapshot.eventId;
    const event: HistoryEvent = { id, previousEventId: frame.lastEventId, timestamp: this.env.now(), type };
    const key = detailsKey(type);
    if (details && key) event[key] = details;
    frame.lastEventId = id;
    this.events.push(event);
    return id;
  }

  private emitExecution(type: string, details: JsonObject): void {
    const id = ++this.snapshot.eventId;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp: this.env.now(), type };
    event[detailsKey(type)!] = details;
    this.events.push(event);
  }

  startTimer(frame: Frame, dueAt: number): string {
    const timer = `t${++this.snapshot.seq}`;
    this.snapshot.waits.set(timer, frame.id);
    this.commands.push({ type: "StartTimer", timer, dueAt });
    return timer;
  }

  private cancelTimer(timer: string): void {
    this.snapshot.waits.delete(timer);
    this.commands.push({ type: "CancelTimer", timer });
  }

  scheduleTask(frame: Frame, task: ScheduledTask): void {
    const plan = planTask(task, frame.at.name, frame.at.retryCount, this.env.now());
    this.snapshot.waits.set(task.token, frame.id);
    for (const { timer, dueAt } of plan.timers) {
      this.snapshot.waits.set(timer, frame.id);
      this.commands.push({ type: "StartTimer", timer, dueAt });
    }
    frame.at.wait = taskWait(frame.at, plan);
    if (!task.purpose) this.emit(frame, ...taskEvents(task.resource).scheduled(task));
    this.commands.push(plan.command);
  }

  startChildren(
    frame: Frame,
    machineIds: (index: number) => string,
    count: number,
    options: ChildrenOptions,
  ): void {
    this.fanout.start(frame, machineIds, count, options);
  }

  flow(frame: Frame): FlowContext {
    return this.scopes.flow(frame);
  }

  bindings(frame: Frame, states: { input: Json; result?: Json; errorOutput?: Json }): JsonataBindings {
    return this.scopes.bindings(frame, states);
  }

  private stateNamed(frame: Frame, name: string): CompiledStateBase {
    return this.registry.machines.get(frame.machine)!.states.get(name)!;
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
