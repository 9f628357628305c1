import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type ParseError } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import { removeProperty } from "./remove-property.ts";
import { renameProperty } from "./rename-property.ts";
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
    // jsonc-parser's insertion reformats the whole array: an item on its own line gets its new
    // sibling on a line of its own, indented alike; a compact array grows compactly.
    const lineStart = text.lastIndexOf("\n", lastItem.offset) + 1;
    const indent = text.slice(lineStart, lastItem.offset);
    let content = `, ${JSON.stringify(value)}`;
    if (lineStart > 0 && /^[ \t]*$/.test(indent)) {
      const eol = format.eol ?? "\n";
      const unit = format.insertSpaces === false ? "\t" : " ".repeat(format.tabSize ?? 2);
      content = `,${eol}${indent}${JSON.stringify(value, null, unit).replaceAll("\n", `${eol}${indent}`)}`;
    }
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

/** One field change: set (with `undefined`, remove) the value at `location`; `renameTo` renames its key in place first. */
export interface FieldChangeEntry {
  location: JsonLocation;
  value: unknown;
  renameTo?: string;
}

/** Applies several field changes in order as one edit (e.g. set `Next` and drop `End`). */
export function setStateFields(text: string, changes: FieldChangeEntry[]): EditResult {
  let current = text;
  for (const change of changes) {
    let location = change.location;
    if (change.renameTo !== undefined) {
      const renamed = renameProperty(current, location, change.renameTo);
      if (renamed !== undefined) current = renamed;
      location = [...location.slice(0, -1), change.renameTo];
    }
    const result = setStateField(current, location, change.value);
    if (!result.ok) return result;
    current = result.text;
  }
  return { ok: true, text: current };
}
