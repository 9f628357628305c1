import type { Node as JsonNode } from "jsonc-parser";
import type { JsonLocation } from "./state-graph.ts";

/** Where a problem path points in the text, and which state (graph node id) owns it. */
export interface ProblemLocation {
  /** The part of the path that exists in the document (a missing field resolves to its parent). */
  location: JsonLocation;
  from: number;
  to: number;
  /** Graph node id of the innermost state on the path; absent for problems outside any state. */
  stateId?: string;
}

/**
 * Resolves a validation path (`States.Fan.Branches[0].States.A.Next`) against the parsed text. Keys
 * are matched against the document itself, so state names holding dots or brackets resolve correctly.
 * The range covers the resolved property's key and value, or just its key when the value spans lines.
 */
export function locateProblem(root: JsonNode | undefined, path: string): ProblemLocation {
  const location: JsonLocation = [];
  let node = root;
  let rest = path;
  while (node !== undefined && rest !== "") {
    const next = step(node, rest);
    if (next === undefined) break;
    location.push(next.segment);
    node = next.node;
    rest = next.rest;
  }
  const range = rangeOf(node);
  const stateId = stateIdAt(location);
  return { location, ...range, ...(stateId === undefined ? {} : { stateId }) };
}

function step(
  node: JsonNode,
  rest: string,
): { segment: string | number; node: JsonNode; rest: string } | undefined {
  if (node.type === "array") {
    const match = /^\[(\d+)\]\.?/.exec(rest);
    const child = match ? node.children?.[Number(match[1])] : undefined;
    return match && child
      ? { segment: Number(match[1]), node: child, rest: rest.slice(match[0].length) }
      : undefined;
  }
  if (node.type !== "object") return undefined;
  let best: { key: string; value: JsonNode } | undefined;
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    const key: unknown = keyNode?.value;
    if (typeof key !== "string" || value === undefined) continue;
    const fits = rest === key || rest.startsWith(`${key}.`) || rest.startsWith(`${key}[`);
    if (fits && (best === undefined || key.length > best.key.length)) best = { key, value };
  }
  if (best === undefined) return undefined;
  const after = rest.slice(best.key.length);
  return { segment: best.key, node: best.value, rest: after.startsWith(".") ? after.slice(1) : after };
}

function rangeOf(node: JsonNode | undefined): { from: number; to: number } {
  if (node === undefined) return { from: 0, to: 0 };
  const property = node.parent?.type === "property" ? node.parent : undefined;
  const keyNode = property?.children?.[0];
  if (property === undefined || keyNode === undefined) return { from: node.offset, to: node.offset + 1 };
  const multiLine = node.type === "object" || node.type === "array";
  return {
    from: property.offset,
    to: multiLine ? keyNode.offset + keyNode.length : property.offset + property.length,
  };
}

/** The graph node id of the innermost state a JSON location lies in (see `GraphNode.id`). */
export function stateIdAt(location: JsonLocation): string | undefined {
  let id: string | undefined;
  let i = 0;
  while (location[i] === "States" && typeof location[i + 1] === "string") {
    id = `${id === undefined ? "" : `${id}/`}${location[i + 1] as string}`;
    i += 2;
    const field = location[i];
    if (field === "Branches" && typeof location[i + 1] === "number") {
      id = `${id}/${location[i + 1] as number}`;
      i += 2;
    } else if (field === "ItemProcessor" || field === "Iterator") {
      i += 1;
    } else {
      break;
    }
  }
  return id;
}
