import type { ScheduledTask } from "../states/state-handler.ts";
import type { Command } from "./command.ts";

/** What scheduling one task produces: the command and its timers. */
export interface TaskPlan {
  command: Extract<Command, { type: "ScheduleTask" }>;
  timers: { timer: string; dueAt: number }[];
}

/**
 * Plans a task: TimeoutSeconds and HeartbeatSeconds become timers named after the token (`<token>:timeout`,
 * `<token>:heartbeat`), so a heartbeat moves its timer and the token's end cancels both.
 */
export function planTask(task: ScheduledTask, stateName: string, attempt: number, now: number): TaskPlan {
  const command: TaskPlan["command"] = {
    type: "ScheduleTask",
    token: task.token,
    resource: task.resource,
    input: task.input,
    stateName,
    attempt,
  };
  const timers: TaskPlan["timers"] = [];
  if (task.timeoutSeconds !== undefined) {
    command.timeoutSeconds = task.timeoutSeconds;
    timers.push({ timer: `${task.token}:timeout`, dueAt: now + task.timeoutSeconds * 1000 });
  }
  if (task.heartbeatSeconds !== undefined) {
    command.heartbeatSeconds = task.heartbeatSeconds;
    timers.push({ timer: `${task.token}:heartbeat`, dueAt: now + task.heartbeatSeconds * 1000 });
  }
  if (task.credentials !== undefined) command.credentials = task.credentials;
  if (task.purpose !== undefined) command.purpose = task.purpose;
  return { command, timers };
}
