import { findNodeAtLocation, parseTree } from "jsonc-parser";
import type { JsonLocation } from "./state-graph.ts";

/**
 * Renames the property at `location` to `key` in place: only the key's bytes change, so the
 * property keeps its position (`Parameters` → `Arguments`, `StringEquals` → `NumericEquals`).
 * Undefined when there is no such property.
 */
export function renameProperty(text: string, location: JsonLocation, key: string): string | undefined {
  const root = parseTree(text);
  const keyNode = root === undefined ? undefined : findNodeAtLocation(root, location)?.parent?.children?.[0];
  if (keyNode?.parent?.type !== "property") return undefined;
  return `${text.slice(0, keyNode.offset)}${JSON.stringify(key)}${text.slice(keyNode.offset + keyNode.length)}`;
}
