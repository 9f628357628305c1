import { parseJson, stringifyJson } from "@stepflow/asl";
import { applyEdits, findNodeAtLocation, getNodeValue, parseTree, type Node as JsonNode } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import { renameNestedStates } from "./rename-nested-states.ts";
import { allStateNames } from "./state-references.ts";
import type { JsonLocation } from "./state-graph.ts";
import { detectFormatting } from "./text-format.ts";

/** A state taken by Copy: its name and its JSON value, nested states included. */
export interface CopiedState {
  name: string;
  type: string;
  state: Record<string, unknown>;
}

const MAX_NAME_LENGTH = 80;

/** The state at `location`, as Copy keeps it; undefined when it is not an object in the text. */
export function copyState(text: string, location: JsonLocation): CopiedState | undefined {
  const root = parseTree(text);
  const node = root === undefined ? undefined : findNodeAtLocation(root, location);
  const name = location.at(-1);
  if (node?.type !== "object" || typeof name !== "string") return undefined;
  const state = stateValue(text, node);
  return { name, type: typeof state["Type"] === "string" ? state["Type"] : "Unknown", state };
}

// Parsed from its own text with @stepflow/asl, so number lexemes (1.0, big integers) survive the copy;
// jsonc-parser's value (from a text with comments, say) when that text is not strict JSON.
function stateValue(text: string, node: JsonNode): Record<string, unknown> {
  try {
    return parseJson(text.slice(node.offset, node.offset + node.length)) as Record<string, unknown>;
  } catch {
    return getNodeValue(node) as Record<string, unknown>;
  }
}

/**
 * Appends a copy of `copied` to the `States` of `scope`, named `<name> copy` (then `copy 2`, ...)
 * and with every nested state renamed the same way, so names stay unique in the machine. The copy
 * keeps its transitions: in its own scope it goes on where the original does; elsewhere, targets
 * that do not exist there are left for validation to point out. The text before it is unchanged but
 * for the separating comma, and the copy is written in the document's indentation and line endings.
 */
export function pasteState(
  text: string,
  scope: JsonLocation,
  copied: CopiedState,
): EditResult & { name?: string } {
  const root = parseTree(text);
  const states = root === undefined ? undefined : findNodeAtLocation(root, [...scope, "States"]);
  if (root === undefined || states?.type !== "object")
    return { ok: false, reason: "there is no States object to paste into" };
  const taken = allStateNames(root);
  const copyName = (name: string): string => {
    const base = `${name.slice(0, MAX_NAME_LENGTH - " copy 999".length)} copy`;
    let unique = base;
    for (let i = 2; taken.has(unique); i++) unique = `${base} ${i}`;
    taken.add(unique);
    return unique;
  };
  const name = copyName(copied.name);
  // Not structuredClone: it would turn JsonNumbers into plain objects.
  const state = parseJson(stringifyJson(copied.state)!) as Record<string, unknown>;
  renameNestedStates(state, copyName);
  const edits = insertProperty(text, states, [...scope, "States"], name, state, detectFormatting(text));
  return { ok: true, text: applyEdits(text, edits), name };
}

/** Copies the state at `location` into its own scope (see `pasteState`). */
export function duplicateState(text: string, location: JsonLocation): EditResult & { name?: string } {
  const copied = copyState(text, location);
  if (copied === undefined) return { ok: false, reason: "the state is not in the document any more" };
  return pasteState(text, location.slice(0, -2), copied);
}
