import { findNodeAtLocation, type Node as JsonNode } from "jsonc-parser";
import type { JsonLocation } from "./state-graph.ts";

/** A string in the document that names a state: `StartAt`, `Next`, `Default`, or a rule's or catcher's `Next`. */
export interface StateReference {
  /** The string value node. */
  node: JsonNode;
  field: "StartAt" | "Next" | "Default" | "ChoiceNext" | "CatchNext";
  /** Name of the state holding the reference; absent for `StartAt`. */
  holder?: string;
}

/** Every reference to `name` inside one scope (the object holding `StartAt` and `States`). */
export function referencesTo(root: JsonNode, scope: JsonLocation, name: string): StateReference[] {
  const found: StateReference[] = [];
  const scopeNode = findNodeAtLocation(root, scope);
  if (scopeNode === undefined) return found;
  const check = (node: JsonNode | undefined, field: StateReference["field"], holder?: string): void => {
    if (node?.type === "string" && node.value === name)
      found.push({ node, field, ...(holder === undefined ? {} : { holder }) });
  };
  check(findNodeAtLocation(scopeNode, ["StartAt"]), "StartAt");
  const states = findNodeAtLocation(scopeNode, ["States"]);
  for (const property of states?.type === "object" ? (states.children ?? []) : []) {
    const [keyNode, state] = property.children ?? [];
    const holder: unknown = keyNode?.value;
    if (typeof holder !== "string" || state?.type !== "object") continue;
    check(findNodeAtLocation(state, ["Next"]), "Next", holder);
    check(findNodeAtLocation(state, ["Default"]), "Default", holder);
    for (const [field, list] of [
      ["ChoiceNext", findNodeAtLocation(state, ["Choices"])],
      ["CatchNext", findNodeAtLocation(state, ["Catch"])],
    ] as const) {
      for (const item of list?.type === "array" ? (list.children ?? []) : []) {
        check(findNodeAtLocation(item, ["Next"]), field, holder);
      }
    }
  }
  return found;
}

/** Every state name in the definition, at every depth (AWS wants them unique across the whole machine). */
export function allStateNames(root: JsonNode | undefined): Set<string> {
  const names = new Set<string>();
  const visitScope = (scope: JsonNode | undefined): void => {
    const states = scope === undefined ? undefined : findNodeAtLocation(scope, ["States"]);
    for (const property of states?.type === "object" ? (states.children ?? []) : []) {
      const [keyNode, state] = property.children ?? [];
      if (typeof keyNode?.value !== "string" || state === undefined) continue;
      names.add(keyNode.value);
      const branches = findNodeAtLocation(state, ["Branches"]);
      for (const branch of branches?.type === "array" ? (branches.children ?? []) : []) visitScope(branch);
      visitScope(findNodeAtLocation(state, ["ItemProcessor"]) ?? findNodeAtLocation(state, ["Iterator"]));
    }
  };
  visitScope(root);
  return names;
}
