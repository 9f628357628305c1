import type { Edit, Node as JsonNode } from "jsonc-parser";

/**
 * The edit that removes `property` (a property node) from its object, with exactly one separating
 * comma and the whitespace before it; neighbours keep their bytes. jsonc-parser's removal reformats
 * the property before it, which an edit that must touch only its own lines cannot afford.
 */
export function removeProperty(property: JsonNode): Edit {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const end = property.offset + property.length;
  if (previous !== undefined) {
    const from = previous.offset + previous.length;
    return { offset: from, length: end - from, content: "" };
  }
  if (next !== undefined)
    return { offset: property.offset, length: next.offset - property.offset, content: "" };
  const object = property.parent;
  if (object === undefined) return { offset: property.offset, length: property.length, content: "" };
  return { offset: object.offset + 1, length: object.length - 2, content: "" };
}
