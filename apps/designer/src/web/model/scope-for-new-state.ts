import type { GraphNode, JsonLocation } from "./state-graph.ts";

/**
 * Where a state added from the palette (or pasted) goes, and how the palette names it: the selected
 * branch, the item processor of a selected Map, the scope of any other selected state, or the top level.
 */
export function scopeForNewState(
  selected: GraphNode | undefined,
  nodes: GraphNode[],
): { location: JsonLocation; label: string } {
  if (selected === undefined) return { location: [], label: "the top level" };
  if (selected.type === "Branch")
    return { location: selected.location, label: `${selected.name} of ${selected.parentId ?? ""}` };
  if (selected.type === "Map") {
    const child = nodes.find((node) => node.parentId === selected.id);
    return {
      location: child?.scope ?? [...selected.location, "ItemProcessor"],
      label: `the items of ${selected.name}`,
    };
  }
  return {
    location: selected.scope,
    label: selected.parentId === undefined ? "the top level" : `the scope of ${selected.name}`,
  };
}
