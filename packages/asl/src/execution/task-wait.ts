import type { Json } from "../json.ts";
import { stringifyJson } from "../json-stringify.ts";
import type { Command } from "./command.ts";
import type { ActiveState, Frame, Snapshot, TaskWait } from "./snapshot.ts";
import type { TaskPlan } from "./task-plan.ts";

type ScheduleTask = Extract<Command, { type: "ScheduleTask" }>;

/** What a frame keeps of a task it schedules: the plan's command minus what `at` already holds. */
export function taskWait(at: ActiveState, plan: TaskPlan): TaskWait {
  const command = plan.command;
  const wait: TaskWait = { kind: "task", resource: command.resource };
  if (command.token !== at.token) wait.token = command.token;
  // Identity, not equality: the common case (no InputPath/Parameters) hands the raw input on as is.
  if (command.input !== at.input) wait.input = command.input;
  if (plan.timers.length > 0) wait.timers = plan.timers.map((t) => t.timer);
  if (command.timeoutSeconds !== undefined) wait.timeoutSeconds = command.timeoutSeconds;
  if (command.heartbeatSeconds !== undefined) wait.heartbeatSeconds = command.heartbeatSeconds;
  if (command.credentials !== undefined) wait.credentials = command.credentials;
  if (command.purpose !== undefined) wait.purpose = command.purpose;
  return wait;
}

/** The token a task wait answers to. */
export function taskToken(at: ActiveState, wait: TaskWait): string {
  return wait.token ?? at.token!;
}

/**
 * The ScheduleTask command of the task a frame waits on, as `advance` first sent it (same fields, same
 * key order), or undefined when the frame waits on no task. The engine sends it again when its queue lost it.
 */
export function taskCommand(frame: Frame): ScheduleTask | undefined {
  const at = frame.at;
  const wait = at.wait;
  if (wait?.kind !== "task") return undefined;
  const command: ScheduleTask = {
    type: "ScheduleTask",
    token: taskToken(at, wait),
    resource: wait.resource,
    input: wait.input === undefined ? at.input : wait.input,
    stateName: at.name,
    attempt: at.retryCount,
  };
  if (wait.timeoutSeconds !== undefined) command.timeoutSeconds = wait.timeoutSeconds;
  if (wait.heartbeatSeconds !== undefined) command.heartbeatSeconds = wait.heartbeatSeconds;
  if (wait.credentials !== undefined) command.credentials = wait.credentials;
  if (wait.purpose !== undefined) command.purpose = wait.purpose;
  return command;
}

/** A task wait as snapshots written before {@link TaskWait} held it: the whole command. */
interface StoredTaskWait {
  kind: "task";
  token: string;
  timers: string[];
  schedule: ScheduleTask;
  started?: boolean;
}

/**
 * Converts, in place, what a snapshot stored by an earlier version holds in an older shape (task waits
 * holding their whole ScheduleTask command), so executions running across an upgrade continue. Frames keep
 * their order (replay depends on it). Returns the snapshot.
 */
export function upgradeSnapshot(snapshot: Snapshot): Snapshot {
  for (const frame of Object.values(snapshot.frames)) {
    const wait = frame.at.wait as TaskWait | StoredTaskWait | Exclude<Frame["at"]["wait"], TaskWait>;
    if (wait?.kind === "task" && "schedule" in wait) frame.at.wait = fromStored(frame.at, wait);
  }
  return snapshot;
}

function fromStored(at: ActiveState, stored: StoredTaskWait): TaskWait {
  const { schedule } = stored;
  const wait: TaskWait = { kind: "task", resource: schedule.resource };
  if (stored.token !== at.token) wait.token = stored.token;
  if (!sameValue(schedule.input, at.input)) wait.input = schedule.input;
  if (stored.timers.length > 0) wait.timers = stored.timers;
  if (schedule.timeoutSeconds !== undefined) wait.timeoutSeconds = schedule.timeoutSeconds;
  if (schedule.heartbeatSeconds !== undefined) wait.heartbeatSeconds = schedule.heartbeatSeconds;
  if (schedule.credentials !== undefined) wait.credentials = schedule.credentials;
  if (schedule.purpose !== undefined) wait.purpose = schedule.purpose;
  if (stored.started !== undefined) wait.started = stored.started;
  return wait;
}

/** Parsed objects are never the same object: the same JSON text (key order included) counts as the same. */
function sameValue(a: Json, b: Json): boolean {
  return a === b || (typeof a === "object" && typeof b === "object" && stringifyJson(a) === stringifyJson(b));
}
