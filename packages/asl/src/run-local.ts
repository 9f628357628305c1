import type { Failure } from "./errors.ts";
import { StatesError } from "./errors.ts";
import type { Json } from "./json.ts";
import { advance, startSnapshot } from "./execution/advance.ts";
import type { Command } from "./execution/command.ts";
import type { Env, ExecutionInfo } from "./execution/env.ts";
import type { HistoryEvent } from "./execution/history-event.ts";
import type { Signal } from "./execution/signal.ts";
import type { ExecutionStatus, Snapshot } from "./execution/snapshot.ts";
import { prepareDefinition } from "./machine/definition-cache.ts";
import { parseJsonText } from "./json-text.ts";

/** A task handler for `runLocal`: gets the task input and context, returns the result or throws. */
export type LocalTaskHandler = (input: Json, context: LocalTaskContext) => Json | Promise<Json>;

/** What a local task handler knows about the task it runs. */
export interface LocalTaskContext {
  token: string;
  resource: string;
  stateName: string;
  attempt: number;
  /** Set for a Distributed Map's own calls: "ItemReader" (read items) or "ResultWriter" (put result files). */
  purpose?: "ItemReader" | "ResultWriter";
}

/** Options of {@link runLocal}. */
export interface RunLocalOptions {
  /** Handlers by full Resource ARN, or by the function / activity name at the end of it. */
  handlers?: Record<string, LocalTaskHandler>;
  /** Clock; by default a virtual clock that jumps to the next timer, so waits take no real time. */
  clock?: { now(): number };
  random?: () => number;
  uuid?: () => string;
  execution?: Partial<ExecutionInfo>;
}

/** The outcome of a local run. */
export interface LocalResult {
  status: Exclude<ExecutionStatus, "RUNNING">;
  output?: Json;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

/** A handler failure that carries an ASL error name (otherwise the thrown error's class name is used). */
export interface TaskError {
  error: string;
  cause?: string;
}

/**
 * Runs a definition in memory on top of `advance`: for unit tests, TestState and the designer's preview.
 * Tasks run through `handlers`; a thrown error fails the task with its `name` as Error and its `message`
 * as Cause (or `error`/`cause` fields when present), so Retry and Catch behave as on AWS.
 * Definitions and inputs may be objects or JSON text.
 *
 * @example
 * const result = await runLocal({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }, { a: 1 });
 * // result.status === "SUCCEEDED", result.output === { a: 1 }
 */
export async function runLocal(
  definition: unknown,
  input: unknown = {},
  options: RunLocalOptions = {},
): Promise<LocalResult> {
  const prepared = prepareDefinition(definition);
  if ("problems" in prepared) {
    return {
      status: "FAILED",
      error: "States.Runtime",
      cause: `Invalid definition: ${prepared.problems.join("; ")}`,
      history: [],
    };
  }
  const { machine } = prepared;
  const parsedInput = typeof input === "string" ? parseJsonText(input) : (input as Json);
  let virtualNow = Date.parse("2026-01-01T00:00:00.000Z");
  const clock = options.clock ?? { now: () => virtualNow };
  let counter = 0;
  const env: Env = {
    now: () => clock.now(),
    random: options.random ?? (() => 0.5),
    uuid: options.uuid ?? (() => fakeUuid(++counter)),
    execution: {
      id: "arn:aws:states:us-east-1:123456789012:execution:local:local",
      name: "local",
      roleArn: "arn:aws:iam::123456789012:role/local",
      stateMachineId: "arn:aws:states:us-east-1:123456789012:stateMachine:local",
      stateMachineName: "local",
      ...options.execution,
    },
  };

  const history: HistoryEvent[] = [];
  const timers = new Map<string, number>();
  const tasks: Extract<Command, { type: "ScheduleTask" }>[] = [];
  let snapshot: Snapshot = startSnapshot(parsedInput, env);

  const step = async (signal: Signal) => {
    const result = await advance(machine, snapshot, signal, env);
    snapshot = result.snapshot;
    history.push(...result.events);
    for (const command of result.commands) {
      if (command.type === "ScheduleTask") tasks.push(command);
      else if (command.type === "StartTimer") timers.set(command.timer, command.dueAt);
      else if (command.type === "CancelTimer") timers.delete(command.timer);
      else if (command.type === "CancelTask") removeTask(tasks, command.token);
    }
  };

  await step({ type: "ExecutionStarted", input: parsedInput });
  while (snapshot.status === "RUNNING") {
    const next = tasks.shift();
    if (next) {
      await step(await runTask(next, options.handlers ?? {}));
      continue;
    }
    const due = earliest(timers);
    if (!due) break;
    timers.delete(due[0]);
    if (!options.clock) virtualNow = Math.max(virtualNow, due[1]);
    await step({ type: "TimerFired", timer: due[0] });
  }
  return finished(snapshot, history);
}

async function runTask(
  command: Extract<Command, { type: "ScheduleTask" }>,
  handlers: Record<string, LocalTaskHandler>,
): Promise<Signal> {
  const handler = handlers[command.resource] ?? handlers[resourceName(command.resource)];
  if (!handler) {
    return {
      type: "TaskFailed",
      token: command.token,
      error: StatesError.TaskFailed,
      cause: `No handler registered for resource '${command.resource}'`,
    };
  }
  try {
    const output = await handler(command.input, {
      token: command.token,
      resource: command.resource,
      stateName: command.stateName,
      attempt: command.attempt,
      ...(command.purpose === undefined ? {} : { purpose: command.purpose }),
    });
    return { type: "TaskSucceeded", token: command.token, output };
  } catch (thrown) {
    const failure = toFailure(thrown);
    return {
      type: "TaskFailed",
      token: command.token,
      error: failure.error ?? "Error",
      ...(failure.cause === undefined ? {} : { cause: failure.cause }),
    };
  }
}

function toFailure(thrown: unknown): Failure {
  if (typeof thrown === "object" && thrown !== null) {
    const record = thrown as Record<string, unknown>;
    if (typeof record.error === "string") {
      return typeof record.cause === "string"
        ? { error: record.error, cause: record.cause }
        : { error: record.error };
    }
    if (thrown instanceof Error) return { error: thrown.name, cause: thrown.message };
  }
  return { error: "Error", cause: String(thrown) };
}

/** `arn:aws:lambda:r:a:function:NAME[:qualifier]` → NAME; `arn:...:activity:NAME` → NAME; else the text. */
function resourceName(resource: string): string {
  const parts = resource.split(":");
  const at = parts.findIndex((p) => p === "function" || p === "activity");
  return at >= 0 && parts[at + 1] ? parts[at + 1]! : resource;
}

function removeTask(tasks: { token: string }[], token: string): void {
  const index = tasks.findIndex((t) => t.token === token);
  if (index >= 0) tasks.splice(index, 1);
}

function earliest(timers: Map<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const entry of timers) if (!best || entry[1] < best[1]) best = entry;
  return best;
}

function finished(snapshot: Snapshot, history: HistoryEvent[]): LocalResult {
  const status = snapshot.status === "RUNNING" ? "FAILED" : snapshot.status;
  const result: LocalResult = { status, history };
  if (snapshot.output !== undefined) result.output = snapshot.output;
  if (snapshot.failure?.error !== undefined) result.error = snapshot.failure.error;
  if (snapshot.failure?.cause !== undefined) result.cause = snapshot.failure.cause;
  if (snapshot.status === "RUNNING") {
    result.error = StatesError.Runtime;
    result.cause = "The execution is waiting for a signal that no local handler can send.";
  }
  return result;
}

function fakeUuid(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}
