import { applyEdits, findNodeAtLocation, parseTree, type Edit } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { allStateNames, referencesTo } from "./state-references.ts";
import type { JsonLocation } from "./state-graph.ts";

const MAX_NAME_LENGTH = 80;

/**
 * Renames the state at `location` and every reference to it in its scope (StartAt, Next, Default,
 * Choice rules, Catchers). Only the key and the reference strings change; every other byte stays.
 */
export function renameState(text: string, location: JsonLocation, newName: string): EditResult {
  const root = parseTree(text);
  const oldName = location.at(-1);
  const stateNode = root === undefined ? undefined : findNodeAtLocation(root, location);
  const keyNode = stateNode?.parent?.children?.[0];
  if (root === undefined || typeof oldName !== "string" || keyNode === undefined)
    return { ok: false, reason: "the state is not in the document any more" };
  if (newName === oldName) return { ok: true, text };
  if (newName.trim() === "" || newName.length > MAX_NAME_LENGTH)
    return { ok: false, reason: `a state name has 1 to ${MAX_NAME_LENGTH} characters` };
  if (allStateNames(root).has(newName))
    return { ok: false, reason: `a state named "${newName}" already exists (names are unique in a machine)` };
  const quoted = JSON.stringify(newName);
  const edits: Edit[] = [{ offset: keyNode.offset, length: keyNode.length, content: quoted }];
  for (const reference of referencesTo(root, location.slice(0, -2), oldName)) {
    edits.push({ offset: reference.node.offset, length: reference.node.length, content: quoted });
  }
  return { ok: true, text: applyEdits(text, edits) };
}
