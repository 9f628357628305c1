import { taskCommand, taskToken, type Command, type Snapshot } from "@stepflow/asl";
import { EngineError } from "../errors/engine-error.ts";

type ScheduleTask = Extract<Command, { type: "ScheduleTask" }>;

/** Reads an execution's current snapshot (the runner's cache, or its checkpoint and journal). */
export type SnapshotOf = (executionArn: string) => Promise<Snapshot>;

/**
 * The task a running execution waits on with `token`, or undefined when it does not (finished, stopped,
 * answered, or no such execution). Only the runner knows this: the stored snapshot may be a checkpoint that
 * later journal entries have moved on from.
 */
export async function waitingTask(
  snapshotOf: SnapshotOf,
  executionArn: string,
  token: string,
): Promise<ScheduleTask | undefined> {
  let snapshot: Snapshot;
  try {
    snapshot = await snapshotOf(executionArn);
  } catch (error) {
    if (error instanceof EngineError && error.code === "ExecutionDoesNotExist") return undefined;
    throw error;
  }
  const id = snapshot.status === "RUNNING" ? snapshot.waits.get(token) : undefined;
  if (id === undefined) return undefined;
  const frame = snapshot.frames[id];
  const wait = frame?.at.wait;
  return wait?.kind === "task" && taskToken(frame!.at, wait) === token ? taskCommand(frame!) : undefined;
}

/** Every task a running snapshot waits on (rebuilt from each waiting frame: snapshots keep no command). */
export function waitingTasks(snapshot: Snapshot): ScheduleTask[] {
  const tasks: ScheduleTask[] = [];
  for (const frame of Object.values(snapshot.frames)) {
    const command = taskCommand(frame);
    if (command) tasks.push(command);
  }
  return tasks;
}
