import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type ParseError } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import { removeProperty } from "./remove-property.ts";
import type { JsonLocation } from "./state-graph.ts";
import { detectFormatting } from "./text-format.ts";

/**
 * Sets (or with `undefined`, removes) the value at `location`, touching only that value's bytes: an
 * existing scalar is replaced in place, a new property goes on its own line after its last sibling,
 * a removed property takes one comma with it. A trailing `-1` index appends to an array.
 */
export function setStateField(text: string, location: JsonLocation, value: unknown): EditResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors);
  if (root === undefined || errors.length > 0) return { ok: false, reason: "the JSON does not parse" };
  const format = detectFormatting(text);
  const last = location.at(-1);
  const parentLocation = location.slice(0, -1);
  const parent = findNodeAtLocation(root, parentLocation);
  let edits: Edit[];
  const lastItem = parent?.children?.at(-1);
  if (parent?.type === "array" && last === -1 && lastItem !== undefined) {
    // Appended compactly after the last item: jsonc-parser's insertion reformats the whole array.
    const content = `, ${JSON.stringify(value)}`;
    edits = [{ offset: lastItem.offset + lastItem.length, length: 0, content }];
  } else if (parent?.type === "array" && typeof last === "number") {
    edits = modify(text, location, value, {
      formattingOptions: format,
      ...(last === -1 ? { isArrayInsertion: true } : {}),
    });
  } else {
    const existing = findNodeAtLocation(root, location);
    if (value === undefined) {
      if (existing?.parent === undefined) return { ok: true, text };
      edits = [removeProperty(existing.parent)];
    } else if (existing !== undefined && (typeof value !== "object" || value === null)) {
      edits = [{ offset: existing.offset, length: existing.length, content: JSON.stringify(value) }];
    } else if (existing === undefined && parent?.type === "object" && typeof last === "string") {
      edits = insertProperty(text, parent, parentLocation, last, value, format);
    } else {
      edits = modify(text, location, value, { formattingOptions: format });
    }
  }
  return { ok: true, text: applyEdits(text, edits) };
}

/** Applies several field changes in order as one edit (e.g. set `Next` and drop `End`). */
export function setStateFields(
  text: string,
  changes: { location: JsonLocation; value: unknown }[],
): EditResult {
  let current = text;
  for (const change of changes) {
    const result = setStateField(current, change.location, change.value);
    if (!result.ok) return result;
    current = result.text;
  }
  return { ok: true, text: current };
}
