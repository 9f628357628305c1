import { parseJson } from "../json-text.ts";
import { stringifyJson } from "../json-stringify.ts";
import type { Frame, Snapshot } from "./snapshot.ts";
import { taskToken, upgradeSnapshot } from "./task-wait.ts";

/**
 * A snapshot as the engine stores it: JSON, without `waits`. That index (token or timer → frame) repeats
 * every task token of a wide Map once more (~170 bytes per waiting iteration), and the frames hold all it
 * says, so {@link readSnapshot} rebuilds it. Nothing iterates `waits` (lookups only), so its order is free.
 */
export function snapshotText(snapshot: Snapshot): string {
  const stored: Partial<Snapshot> = { ...snapshot };
  delete stored.waits;
  return stringifyJson(stored)!;
}

/**
 * Reads a stored snapshot: written by {@link snapshotText}, or by an earlier version (with `waits`, task
 * waits holding their whole command), which is converted so an execution continues across an upgrade.
 */
export function readSnapshot(text: string): Snapshot {
  const snapshot = upgradeSnapshot(parseJson(text) as unknown as Snapshot);
  // Earlier versions stored the index as an object; it is rebuilt either way (it says what the frames say).
  snapshot.waits = waitsOf(snapshot.frames);
  return snapshot;
}

/** What each frame waits for, by task token or timer id: the index `advance` keeps as it goes. */
export function waitsOf(frames: Record<string, Frame>): Map<string, string> {
  const waits = new Map<string, string>();
  for (const frame of Object.values(frames)) {
    const wait = frame.at.wait;
    if (wait?.kind === "task") {
      waits.set(taskToken(frame.at, wait), frame.id);
      for (const timer of wait.timers ?? []) waits.set(timer, frame.id);
    } else if (wait?.kind === "timer") {
      waits.set(wait.timer, frame.id);
    }
  }
  return waits;
}
