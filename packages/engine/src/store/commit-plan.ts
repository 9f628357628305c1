import { type AdvanceResult, type Command, stringifyJson } from "@stepflow/asl";

/** What one advance writes besides the execution row: history, outbox commands and the net timer changes. */
export interface CommitPlan {
  /** The advance's history events as one JSON array, and the ids of its first and last (null: none). */
  events: string;
  firstEventId: number | null;
  lastEventId: number | null;
  /** Each command the outbox keeps, as JSON text. */
  commands: string[];
  /** Timers to set. */
  timersToSet: { timer: string; dueAt: number }[];
  timersCleared: string[];
  commandList: Command[];
}

/**
 * Reduces an advance's commands to what the database must hold. Timers are netted (a timer started and
 * cancelled in one advance writes nothing), because one statement cannot both insert and delete a row.
 * `fired` are the timers whose firing caused these advances: their rows go unless started again.
 */
export function commitPlan(
  result: Pick<AdvanceResult, "events" | "commands">,
  fired: readonly string[] = [],
): CommitPlan {
  const timers = new Map<string, number | null>();
  for (const timer of fired) timers.set(timer, null);
  for (const command of result.commands) {
    if (command.type === "StartTimer") timers.set(command.timer, command.dueAt);
    else if (command.type === "CancelTimer") timers.set(command.timer, null);
  }
  const set: { timer: string; dueAt: number }[] = [];
  const cleared: string[] = [];
  for (const [timer, dueAt] of timers) {
    if (dueAt === null) cleared.push(timer);
    else set.push({ timer, dueAt });
  }
  return {
    events: stringifyJson(result.events)!,
    firstEventId: result.events[0]?.id ?? null,
    lastEventId: result.events.at(-1)?.id ?? null,
    commands: result.commands.filter((c) => c.type !== "CompleteExecution").map((c) => stringifyJson(c)!),
    timersToSet: set,
    timersCleared: cleared,
    commandList: result.commands,
  };
}
