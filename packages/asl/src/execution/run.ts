import { StatesError, StatesFailure, type Failure } from "../errors.ts";
import { evaluateAssign, type FlowContext } from "../io/data-flow.ts";
import { awsJsonataFunctions } from "../jsonata/aws-functions.ts";
import type { JsonataBindings } from "../jsonata/jsonata-template.ts";
import type { Json, JsonObject } from "../json.ts";
import type { CompiledStateBase, MachineRegistry } from "../machine/compiled-state.ts";
import { errorMatches } from "../retry/error-matches.ts";
import { retryDelayMs } from "../retry/retrier.ts";
import type { QueryScope, VariableScope } from "../scope.ts";
import { stateHandlers } from "../states/handlers.ts";
import type { ChildrenOptions, Outcome, ScheduledTask, StateRun } from "../states/state-handler.ts";
import type { Command } from "./command.ts";
import { executionContext, stateContext } from "./context-object.ts";
import type { Env } from "./env.ts";
import { detailsKey, type HistoryEvent } from "./history-event.ts";
import type { Signal } from "./signal.ts";
import type { ExecutionStatus, Frame, Snapshot } from "./snapshot.ts";
import { taskResourceDetails } from "./task-resource.ts";

const EXECUTION_TIMEOUT = "execution-timeout";

/**
 * One `advance` call: applies a signal to a snapshot and runs every frame it wakes until each one blocks
 * or the execution ends. Frames run in FIFO order, so the history is deterministic.
 */
export class Run implements StateRun {
  readonly events: HistoryEvent[] = [];
  readonly commands: Command[] = [];
  private readonly queue: (() => Promise<void>)[] = [];
  private execution: JsonObject;
  private readonly flows = new Map<string, FlowContext>();
  private readonly functions: Record<string, unknown>;

  constructor(
    private readonly registry: MachineRegistry,
    readonly snapshot: Snapshot,
    private readonly env: Env,
  ) {
    this.execution = this.executionContext();
    this.functions = awsJsonataFunctions(env);
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
    this.execution = this.executionContext();
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
    this.queue.push(() => this.proceed(root, () => this.enter(root, from.name, from.input)));
  }

  /** Remembers where a redrive would resume, before the top-level frame goes away. */
  private rememberRedrivePoint(root: Frame): void {
    this.snapshot.redrive = {
      count: this.snapshot.redrive?.count ?? 0,
      from: { name: root.at.name, input: root.at.input, vars: root.vars },
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

  private enter(frame: Frame, name: string, input: Json): Promise<Outcome> {
    const state = this.stateNamed(frame, name);
    frame.at = { name, input, enteredEventId: 0, enteredTime: this.env.now(), attempts: [], retryCount: 0 };
    frame.at.enteredEventId = this.emit(frame, `${state.type}StateEntered`, {
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
      if (state.type !== "Fail") this.emit(frame, `${state.type}StateExited`, exited);
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
    const catcher = state.catchers.find((c) => errorMatches(c.errorEquals, error));
    if (!catcher) return { kind: "failed", failure, final: true };
    const errorOutput: JsonObject = { Error: error };
    if (failure.cause !== undefined) errorOutput.Cause = failure.cause;
    const raw = frame.at.input;
    const ctx = this.flow(frame);
    if (state.language === "JSONata") {
      const bindings = ctx.bindings({ input: raw, errorOutput });
      const assigned = await evaluateAssign(catcher.assign, ctx, bindings, errorOutput);
      const output = catcher.output ? await catcher.output(bindings) : errorOutput;
      return { kind: "exit", output, assigned, next: catcher.next };
    }
    const assigned = await evaluateAssign(catcher.assign, ctx, undefined, errorOutput);
    return { kind: "exit", output: catcher.resultPath(raw, errorOutput), assigned, next: catcher.next };
  }

  private finishFrame(frame: Frame, output: Json): void {
    delete this.snapshot.frames[frame.id];
    if (!frame.parent) return this.end("SUCCEEDED", { output });
    const parent = this.snapshot.frames[frame.parent.frame];
    if (!parent || parent.at.wait?.kind !== "children") return;
    const progress = parent.at.wait.children;
    const index = frame.parent.index;
    progress.results[index] = output;
    progress.done += 1;
    progress.running -= 1;
    if (progress.kind === "Map") this.emit(parent, "MapIterationSucceeded", { name: parent.at.name, index });
    this.childSettled(parent);
  }

  private failFrame(frame: Frame, failure: Failure): void {
    delete this.snapshot.frames[frame.id];
    if (!frame.parent) {
      this.rememberRedrivePoint(frame);
      return this.end("FAILED", failure);
    }
    const parent = this.snapshot.frames[frame.parent.frame];
    if (!parent || parent.at.wait?.kind !== "children") return;
    const progress = parent.at.wait.children;
    const index = frame.parent.index;
    progress.running -= 1;
    progress.failed += 1;
    if (progress.kind === "Map") {
      this.emit(parent, "MapIterationFailed", { name: parent.at.name, index });
      if (this.tolerated(progress) && failure.error !== StatesError.Runtime) {
        progress.results[index] = { Error: failure.error ?? null, Cause: failure.cause ?? null };
        return this.childSettled(parent);
      }
    }
    this.abortChildren(parent);
    progress.running = 0;
    const tolerance = progress.toleratedFailureCount > 0 || progress.toleratedFailurePercentage > 0;
    const finalFailure =
      progress.kind === "Map" && tolerance && failure.error !== StatesError.Runtime
        ? {
            error: StatesError.ExceedToleratedFailureThreshold,
            cause: "The specified tolerated failure threshold was exceeded",
          }
        : failure;
    this.emit(parent, `${progress.kind}StateFailed`);
    delete parent.at.wait;
    this.queue.push(() =>
      this.proceed(parent, () => Promise.resolve({ kind: "failed", failure: finalFailure })),
    );
  }

  private tolerated(
    progress: NonNullable<Extract<Frame["at"]["wait"], { kind: "children" }>>["children"],
  ): boolean {
    const total = progress.inputs.length;
    if (progress.toleratedFailureCount > 0 && progress.failed <= progress.toleratedFailureCount) return true;
    return (
      progress.toleratedFailurePercentage > 0 &&
      (progress.failed * 100) / total <= progress.toleratedFailurePercentage
    );
  }

  private childSettled(parent: Frame): void {
    if (parent.at.wait?.kind !== "children") return;
    const progress = parent.at.wait.children;
    this.launchChildren(parent);
    if (progress.done + progress.failed < progress.inputs.length) return;
    const state = this.stateNamed(parent, parent.at.name);
    this.queue.push(() =>
      this.proceed(parent, () => stateHandlers[state.type].onChildrenDone!(this, parent, state)),
    );
  }

  private launchChildren(parent: Frame): void {
    if (parent.at.wait?.kind !== "children") return;
    const progress = parent.at.wait.children;
    const limit = progress.maxConcurrency > 0 ? progress.maxConcurrency : Infinity;
    while (progress.running < limit && progress.nextIndex < progress.inputs.length) {
      const index = progress.nextIndex++;
      const lastEventId =
        progress.kind === "Map"
          ? this.emit(parent, "MapIterationStarted", { name: parent.at.name, index })
          : parent.lastEventId;
      const machine = progress.machines[progress.kind === "Map" ? 0 : index]!;
      const child = this.newFrame(machine, { frame: parent.id, index }, lastEventId);
      progress.running += 1;
      const input = progress.inputs[index]!;
      this.queue.push(() => this.begin(child, input));
    }
  }

  /** Stops a frame and everything under it: its task, its timers, its children. */
  private abortFrame(id: string): void {
    const frame = this.snapshot.frames[id];
    if (!frame) return;
    delete this.snapshot.frames[id];
    const wait = frame.at.wait;
    if (wait?.kind === "task") {
      this.commands.push({ type: "CancelTask", token: wait.token, resource: wait.schedule.resource });
      delete this.snapshot.waits[wait.token];
      for (const timer of wait.timers) this.cancelTimer(timer);
    } else if (wait?.kind === "timer") {
      this.cancelTimer(wait.timer);
    } else if (wait?.kind === "children") {
      this.abortChildren(frame);
    }
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
    if (!frame || wait?.kind !== "task" || wait.token !== signal.token) return;
    const details = taskResourceDetails(wait.schedule.resource);
    if (signal.type === "TaskStarted") {
      this.emit(frame, "TaskStarted", details);
      return;
    }
    if (signal.type === "TaskHeartbeat") {
      const heartbeat = wait.timers.find((t) => t.endsWith(":heartbeat"));
      const seconds = wait.schedule.heartbeatSeconds;
      if (heartbeat && seconds !== undefined)
        this.commands.push({ type: "StartTimer", timer: heartbeat, dueAt: this.env.now() + seconds * 1000 });
      return;
    }
    this.settleTask(frame, wait);
    const state = this.stateNamed(frame, frame.at.name);
    if (signal.type === "TaskSucceeded") {
      this.emit(frame, "TaskSucceeded", {
        ...details,
        output: signal.output,
        outputDetails: { truncated: false },
      });
      const handler = stateHandlers[state.type];
      this.queue.push(() =>
        this.proceed(frame, () => handler.onTaskSucceeded!(this, frame, state, signal.output)),
      );
      return;
    }
    const failure: Failure = { error: signal.error };
    if (signal.cause !== undefined) failure.cause = signal.cause;
    this.emit(frame, "TaskFailed", { ...details, ...(failure as JsonObject) });
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
      if (!wait.timers.includes(timer)) return;
      const heartbeat = timer.endsWith(":heartbeat");
      const error = heartbeat ? StatesError.HeartbeatTimeout : StatesError.Timeout;
      this.settleTask(frame, wait);
      this.commands.push({ type: "CancelTask", token: wait.token, resource: wait.schedule.resource });
      const failure: Failure = { error };
      this.emit(frame, "TaskTimedOut", { ...taskResourceDetails(wait.schedule.resource), error });
      this.queue.push(() => this.proceed(frame, () => Promise.resolve({ kind: "failed", failure })));
      return;
    }
    if (wait.kind !== "timer" || wait.timer !== timer) return;
    delete this.snapshot.waits[timer];
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

  private settleTask(frame: Frame, wait: Extract<NonNullable<Frame["at"]["wait"]>, { kind: "task" }>): void {
    delete this.snapshot.waits[wait.token];
    for (const timer of wait.timers) this.cancelTimer(timer);
    delete frame.at.wait;
  }

  private waiting(key: string): Frame | undefined {
    const id = this.snapshot.waits[key];
    return id === undefined ? undefined : this.snapshot.frames[id];
  }

  // ---- StateRun --------------------------------------------------------------------------------------

  now(): number {
    return this.env.now();
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
    this.snapshot.waits[timer] = frame.id;
    this.commands.push({ type: "StartTimer", timer, dueAt });
    return timer;
  }

  private cancelTimer(timer: string): void {
    delete this.snapshot.waits[timer];
    this.commands.push({ type: "CancelTimer", timer });
  }

  scheduleTask(frame: Frame, task: ScheduledTask): void {
    const timers: string[] = [];
    const now = this.env.now();
    this.snapshot.waits[task.token] = frame.id;
    const details: JsonObject = {
      ...taskResourceDetails(task.resource),
      region: "us-east-1",
      parameters: task.input,
    };
    const command: Extract<Command, { type: "ScheduleTask" }> = {
      type: "ScheduleTask",
      token: task.token,
      resource: task.resource,
      input: task.input,
      stateName: frame.at.name,
      attempt: frame.at.retryCount,
    };
    if (task.timeoutSeconds !== undefined) {
      details.timeoutInSeconds = task.timeoutSeconds;
      command.timeoutSeconds = task.timeoutSeconds;
      timers.push(`${task.token}:timeout`);
      this.commands.push({
        type: "StartTimer",
        timer: `${task.token}:timeout`,
        dueAt: now + task.timeoutSeconds * 1000,
      });
    }
    if (task.heartbeatSeconds !== undefined) {
      details.heartbeatInSeconds = task.heartbeatSeconds;
      command.heartbeatSeconds = task.heartbeatSeconds;
      timers.push(`${task.token}:heartbeat`);
      this.commands.push({
        type: "StartTimer",
        timer: `${task.token}:heartbeat`,
        dueAt: now + task.heartbeatSeconds * 1000,
      });
    }
    if (task.credentials !== undefined) command.credentials = task.credentials;
    for (const timer of timers) this.snapshot.waits[timer] = frame.id;
    frame.at.wait = { kind: "task", token: task.token, timers, schedule: command };
    this.emit(frame, "TaskScheduled", details);
    this.commands.push(command);
  }

  startChildren(
    frame: Frame,
    machineIds: (index: number) => string,
    count: number,
    options: ChildrenOptions,
  ): void {
    const machines =
      options.kind === "Map" ? [machineIds(0)] : Array.from({ length: count }, (_, i) => machineIds(i));
    frame.at.wait = {
      kind: "children",
      children: {
        kind: options.kind,
        machines,
        inputs: options.inputs,
        results: options.inputs.map(() => null),
        running: 0,
        nextIndex: 0,
        done: 0,
        failed: 0,
        maxConcurrency: options.maxConcurrency,
        toleratedFailureCount: options.toleratedFailureCount,
        toleratedFailurePercentage: options.toleratedFailurePercentage,
      },
    };
    if (count === 0) this.childSettled(frame);
    else this.launchChildren(frame);
  }

  flow(frame: Frame): FlowContext {
    let flow = this.flows.get(frame.id);
    if (flow) return flow;
    const variables: VariableScope = { get: (name) => this.variable(frame, name) };
    flow = {
      scope: (input) => new LazyScope(input, variables, () => stateContext(this.execution, frame.at)),
      bindings: (states) => this.bindings(frame, states),
      random: () => this.env.random(),
      uuid: () => this.env.uuid(),
    };
    this.flows.set(frame.id, flow);
    return flow;
  }

  bindings(frame: Frame, states: { input: Json; result?: Json; errorOutput?: Json }): JsonataBindings {
    const chain: Frame[] = [];
    for (let f: Frame | undefined = frame; f; f = f.parent ? this.snapshot.frames[f.parent.frame] : undefined)
      chain.push(f);
    const bindings: JsonataBindings = { ...this.functions };
    for (let i = chain.length - 1; i >= 0; i--) Object.assign(bindings, chain[i]!.vars);
    bindings.states = { ...states, context: stateContext(this.execution, frame.at) };
    return bindings;
  }

  private variable(frame: Frame, name: string): Json | undefined {
    for (
      let f: Frame | undefined = frame;
      f;
      f = f.parent ? this.snapshot.frames[f.parent.frame] : undefined
    ) {
      if (Object.hasOwn(f.vars, name)) return f.vars[name];
    }
    return undefined;
  }

  private stateNamed(frame: Frame, name: string): CompiledStateBase {
    return this.registry.machines.get(frame.machine)!.states.get(name)!;
  }
}

/** A JSONPath scope whose `$$` is only built if an expression reads it. */
class LazyScope implements QueryScope {
  constructor(
    readonly input: Json,
    readonly variables: VariableScope,
    private readonly makeContext: () => Json,
  ) {}

  get context(): Json {
    return this.makeContext();
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
