import type { JsonObject } from "../json.ts";
import type { ScheduledTask } from "../states/state-handler.ts";
import type { Command } from "./command.ts";
import { taskResourceDetails } from "./task-resource.ts";

/** What scheduling one task produces: the command, its timers, and the TaskScheduled details. */
export interface TaskPlan {
  command: Extract<Command, { type: "ScheduleTask" }>;
  timers: { timer: string; dueAt: number }[];
  details: JsonObject;
}

/**
 * Plans a task: TimeoutSeconds and HeartbeatSeconds become timers named after the token (`<token>:timeout`,
 * `<token>:heartbeat`), so a heartbeat moves its timer and the token's end cancels both.
 */
export function planTask(task: ScheduledTask, stateName: string, attempt: number, now: number): TaskPlan {
  const details: JsonObject = {
    ...taskResourceDetails(task.resource),
    region: "us-east-1",
    parameters: task.input,
  };
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
    details.timeoutInSeconds = task.timeoutSeconds;
    command.timeoutSeconds = task.timeoutSeconds;
    timers.push({ timer: `${task.token}:timeout`, dueAt: now + task.timeoutSeconds * 1000 });
  }
  if (task.heartbeatSeconds !== undefined) {
    details.heartbeatInSeconds = task.heartbeatSeconds;
    command.heartbeatSeconds = task.heartbeatSeconds;
    timers.push({ timer: `${task.token}:heartbeat`, dueAt: now + task.heartbeatSeconds * 1000 });
  }
  if (task.credentials !== undefined) command.credentials = task.credentials;
  return { command, timers, details };
}
