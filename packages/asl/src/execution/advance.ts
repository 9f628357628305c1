import type { Json } from "../json.ts";
import type { MachineRegistry } from "../machine/compiled-state.ts";
import type { Command } from "./command.ts";
import type { Env } from "./env.ts";
import type { HistoryEvent } from "./history-event.ts";
import { Run } from "./run.ts";
import type { Signal } from "./signal.ts";
import type { Snapshot } from "./snapshot.ts";

/** What one `advance` produced. */
export interface AdvanceResult {
  snapshot: Snapshot;
  events: HistoryEvent[];
  commands: Command[];
}

/**
 * The deterministic step function: applies one signal to an execution and runs every state it makes
 * runnable, until each active state waits for something (a task, a timer, children) or the execution ends.
 * Pass, Choice, Succeed, Fail and due Waits all run inside one call.
 *
 * The snapshot is taken over (mutated and returned); pass a copy to keep the original. Signals that no
 * longer apply (a result for a token that is not pending, any signal after the end) change nothing.
 *
 * @example
 * const machine = compileMachine(definition);
 * let { snapshot, commands } = await advance(machine, startSnapshot({ a: 1 }, env), { type: "ExecutionStarted", input: { a: 1 } }, env);
 */
export async function advance(
  machine: MachineRegistry,
  snapshot: Snapshot,
  signal: Signal,
  env: Env,
): Promise<AdvanceResult> {
  const run = new Run(machine, snapshot, env);
  await run.apply(signal);
  return { snapshot: run.snapshot, events: run.events, commands: run.commands };
}

/** The snapshot of an execution about to start; apply `ExecutionStarted` to it. */
export function startSnapshot(input: Json, env: Env): Snapshot {
  // `waits` is keyed by task tokens and timer ids, new strings every execution. As a `{}` literal, its first
  // key would add a hidden-class transition to the shared empty-object map (V8), one per execution: the
  // transition list grows until a GC clears it and each add copies it, about 3 µs per StartExecution. A
  // null-prototype object is a dictionary from the start (and no key can meet Object.prototype's).
  const waits = Object.create(null) as Record<string, string>;
  return { status: "RUNNING", input, startTime: env.now(), eventId: 0, seq: 0, frames: {}, waits };
}
