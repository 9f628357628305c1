import { buildStateGraph, type JsonLocation } from "../model/state-graph.ts";

/** States of the current definition that differ from another version, by node id. */
export interface StateDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

// A group's own fields are compared without its children, which are compared as nodes of their own.
const NESTED = new Set(["Branches", "ItemProcessor", "Iterator", "States"]);

function ownFields(definition: unknown, location: JsonLocation): string {
  let value = definition;
  for (const step of location) value = (value as Record<string | number, unknown> | undefined)?.[step];
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  return JSON.stringify(Object.entries(value).filter(([key]) => !NESTED.has(key)));
}

/**
 * Which states were added, removed or changed going from `other` to `current` (parsed definitions).
 * States are matched by path, so a rename is a removal plus an addition.
 */
export function diffStates(current: unknown, other: unknown): StateDiff {
  const now = buildStateGraph(current).nodes.filter((node) => node.type !== "Branch");
  const before = new Map(
    buildStateGraph(other)
      .nodes.filter((node) => node.type !== "Branch")
      .map((node) => [node.id, node]),
  );
  const diff: StateDiff = { added: [], removed: [], changed: [] };
  for (const node of now) {
    const old = before.get(node.id);
    if (old === undefined) diff.added.push(node.id);
    else if (ownFields(current, node.location) !== ownFields(other, old.location)) diff.changed.push(node.id);
    before.delete(node.id);
  }
  diff.removed = [...before.keys()];
  return diff;
}
