import { applyEdits, findNodeAtLocation, parseTree, type Edit } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { removeProperty } from "./remove-property.ts";
import { referencesTo } from "./state-references.ts";
import type { JsonLocation } from "./state-graph.ts";

/**
 * Removes the state at `location`. References to it are rewired to its own `Next` when it has one;
 * when it ended its scope, a plain `"Next": "<it>"` becomes `"End": true`. Other references
 * (StartAt, Default, rules, catchers with nowhere to go) are left for validation to point out.
 */
export function deleteState(text: string, location: JsonLocation): EditResult {
  const root = parseTree(text);
  const name = location.at(-1);
  const stateNode = root === undefined ? undefined : findNodeAtLocation(root, location);
  if (root === undefined || typeof name !== "string" || stateNode === undefined)
    return { ok: false, reason: "the state is not in the document any more" };
  const property = stateNode.parent;
  if (property?.type !== "property")
    return { ok: false, reason: "the state is not in the document any more" };
  const removed = removeProperty(property);
  const inRemoved = (offset: number): boolean =>
    offset >= removed.offset && offset < removed.offset + removed.length;
  const successor = findNodeAtLocation(stateNode, ["Next"])?.value as unknown;
  const edits: Edit[] = [removed];
  for (const reference of referencesTo(root, location.slice(0, -2), name)) {
    const { node } = reference;
    if (inRemoved(node.offset)) continue;
    if (typeof successor === "string") {
      edits.push({ offset: node.offset, length: node.length, content: JSON.stringify(successor) });
    } else if (reference.field === "Next" && node.parent?.type === "property") {
      edits.push({ offset: node.parent.offset, length: node.parent.length, content: '"End": true' });
    }
  }
  return { ok: true, text: applyEdits(text, edits) };
}
