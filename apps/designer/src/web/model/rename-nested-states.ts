import { isFields, type Fields } from "./is-fields.ts";

/**
 * Renames, in place, every state nested in `state` (its Parallel branches and Map item processor, at
 * any depth) to `rename(old)`, with the references to it in its own scope (StartAt, Next, Default,
 * Choice rules, Catchers). A copy needs this because state names are unique in the whole machine.
 * Keys keep their order.
 */
export function renameNestedStates(state: Fields, rename: (name: string) => string): void {
  const branches: unknown = state["Branches"];
  const scopes: unknown[] = [
    ...(Array.isArray(branches) ? (branches as unknown[]) : []),
    state["ItemProcessor"],
    state["Iterator"],
  ];
  for (const scope of scopes) {
    if (!isFields(scope) || !isFields(scope["States"])) continue;
    const names = new Map(Object.keys(scope["States"]).map((name) => [name, rename(name)]));
    const renamed = (target: unknown): unknown =>
      typeof target === "string" ? (names.get(target) ?? target) : target;
    const states: Fields = {};
    for (const [name, inner] of Object.entries(scope["States"])) {
      if (isFields(inner)) {
        retarget(inner, renamed);
        renameNestedStates(inner, rename);
      }
      states[names.get(name) ?? name] = inner;
    }
    scope["States"] = states;
    if ("StartAt" in scope) scope["StartAt"] = renamed(scope["StartAt"]);
  }
}

function retarget(state: Fields, renamed: (target: unknown) => unknown): void {
  for (const field of ["Next", "Default"]) if (field in state) state[field] = renamed(state[field]);
  for (const list of [state["Choices"], state["Catch"]]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (isFields(item) && "Next" in item) item["Next"] = renamed(item["Next"]);
  }
}
