import { applyEdits, findNodeAtLocation, parseTree } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import { allStateNames } from "./state-references.ts";
import type { JsonLocation } from "./state-graph.ts";
import { stateTemplate, type StateTypeName } from "./state-templates.ts";
import { detectFormatting } from "./text-format.ts";

/**
 * Appends a new state of `type` at the end of the `States` of `scope` (the root, a branch or a
 * processor), named after its type and unique in the machine (`Pass`, `Pass2`, ...). It starts
 * unconnected; the text before it is unchanged but for the separating comma.
 */
export function addState(
  text: string,
  scope: JsonLocation,
  type: StateTypeName,
): EditResult & { name?: string } {
  const root = parseTree(text);
  const states = root === undefined ? undefined : findNodeAtLocation(root, [...scope, "States"]);
  if (root === undefined || states?.type !== "object")
    return { ok: false, reason: "there is no States object to add to" };
  const taken = allStateNames(root);
  const uniqueName = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
  const name = uniqueName(type);
  const startAt = findNodeAtLocation(root, [...scope, "StartAt"])?.value as unknown;
  const state = stateTemplate(type, uniqueName, typeof startAt === "string" ? startAt : name);
  const edits = insertProperty(text, states, [...scope, "States"], name, state, detectFormatting(text));
  return { ok: true, text: applyEdits(text, edits), name };
}
