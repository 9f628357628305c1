import { applyEdits, findNodeAtLocation, parseTree } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import type { JsonLocation } from "./state-graph.ts";
import { detectFormatting } from "./text-format.ts";

/**
 * Points the state at `source` to `target` (a state of the same scope): sets `Next` (an `"End": true`
 * is replaced in place), or `Default` for a Choice. Succeed and Fail have no way out and refuse.
 */
export function connectNext(text: string, source: JsonLocation, target: string): EditResult {
  const root = parseTree(text);
  const state = root === undefined ? undefined : findNodeAtLocation(root, source);
  if (state?.type !== "object") return { ok: false, reason: "the state is not in the document any more" };
  const type = findNodeAtLocation(state, ["Type"])?.value as unknown;
  if (type === "Succeed" || type === "Fail") return { ok: false, reason: `a ${type} state cannot go on` };
  const quoted = JSON.stringify(target);
  const end = findNodeAtLocation(state, ["End"]);
  if (type !== "Choice" && end?.parent?.type === "property") {
    const property = end.parent;
    return {
      ok: true,
      text: applyEdits(text, [
        { offset: property.offset, length: property.length, content: `"Next": ${quoted}` },
      ]),
    };
  }
  const field = type === "Choice" ? "Default" : "Next";
  const existing = findNodeAtLocation(state, [field]);
  const edits =
    existing === undefined
      ? insertProperty(text, state, source, field, target, detectFormatting(text))
      : [{ offset: existing.offset, length: existing.length, content: quoted }];
  return { ok: true, text: applyEdits(text, edits) };
}
