import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { referencesTo } from "./state-references.ts";
import type { JsonLocation } from "./state-graph.ts";
import { detectFormatting } from "./text-format.ts";

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
  const removal = modify(text, location, undefined, { formattingOptions: detectFormatting(text) });
  const removed = removal[0];
  const inRemoved = (offset: number): boolean =>
    removed !== undefined && offset >= removed.offset && offset < removed.offset + removed.length;
  const successor = findNodeAtLocation(stateNode, ["Next"])?.value as unknown;
  const edits: Edit[] = [...removal];
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
