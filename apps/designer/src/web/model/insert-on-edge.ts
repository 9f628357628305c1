import { applyEdits, findNodeAtLocation, parseTree, type Edit } from "jsonc-parser";
import type { EditResult } from "./edit-result.ts";
import { insertProperty } from "./insert-property.ts";
import type { EdgeKind, JsonLocation } from "./state-graph.ts";
import { allStateNames, referencesTo } from "./state-references.ts";
import { stateTemplate, type StateTypeName } from "./state-templates.ts";
import { detectFormatting } from "./text-format.ts";

/** What the rewired field is called in `referencesTo`, per edge kind. */
const REFERENCE_FIELD = {
  next: "Next",
  default: "Default",
  choice: "ChoiceNext",
  catch: "CatchNext",
} as const satisfies Record<EdgeKind, string>;

/**
 * Inserts a new state of `type` on the transition `kind` from the state at `source` to `target` (a
 * state of the same scope): the new state goes on to `target` (its `End` becomes `"Next"`; a
 * Choice gets it as `Default`), and the transition now points at the new state (for Choice rules
 * and catchers, every one of that kind to `target`). Succeed and Fail cannot go on, so they refuse.
 * Only the rewired strings change in place; the new state is appended to the scope's `States`.
 */
export function insertOnEdge(
  text: string,
  source: JsonLocation,
  kind: EdgeKind,
  target: string,
  type: StateTypeName,
): EditResult & { name?: string } {
  if (type === "Succeed" || type === "Fail")
    return { ok: false, reason: `a ${type} state cannot go on to ${target}` };
  const root = parseTree(text);
  const scope = source.slice(0, -2);
  const holder = source.at(-1);
  const states = root === undefined ? undefined : findNodeAtLocation(root, [...scope, "States"]);
  if (root === undefined || states?.type !== "object" || typeof holder !== "string")
    return { ok: false, reason: "the state is not in the document any more" };
  const rewired = referencesTo(root, scope, target).filter(
    (reference) => reference.holder === holder && reference.field === REFERENCE_FIELD[kind],
  );
  if (rewired.length === 0) return { ok: false, reason: `${holder} does not go to ${target} any more` };

  const taken = allStateNames(root);
  const uniqueName = (base: string): string => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  };
  const name = uniqueName(type);
  const template = stateTemplate(type, uniqueName, target);
  // The way on replaces End where the template has it, so key order reads like a hand-written state.
  const state =
    type === "Choice"
      ? { ...template, Default: target }
      : Object.fromEntries(
          Object.entries(template).map(([key, value]) => (key === "End" ? ["Next", target] : [key, value])),
        );
  const quoted = JSON.stringify(name);
  const edits: Edit[] = [
    ...rewired.map(({ node }) => ({ offset: node.offset, length: node.length, content: quoted })),
    ...insertProperty(text, states, [...scope, "States"], name, state, detectFormatting(text)),
  ];
  return { ok: true, text: applyEdits(text, edits), name };
}
