import type { JsonObject } from "../json.ts";
import { parseJson } from "../json-text.ts";
import { formatProblem, validateDefinition } from "../validate/validate-definition.ts";
import type { MachineRegistry } from "./compiled-state.ts";
import { compileMachine } from "./compile-machine.ts";

/** A definition after validation: compiled, or the problems that stop it from running. */
export type PreparedDefinition = { machine: MachineRegistry } | { problems: string[] };

const byObject = new WeakMap<object, PreparedDefinition>();
const byText = new Map<string, PreparedDefinition>();
const MAX_TEXTS = 256;

/**
 * Validates and compiles a definition (object or JSON text) once, then serves it from a cache, so running
 * the same definition again costs nothing up front. Definition objects are treated as immutable once run.
 */
export function prepareDefinition(definition: unknown): PreparedDefinition {
  const cached =
    typeof definition === "string"
      ? byText.get(definition)
      : isObject(definition)
        ? byObject.get(definition)
        : undefined;
  if (cached) return cached;
  const problems = validateDefinition(definition);
  const prepared: PreparedDefinition =
    problems.length > 0
      ? { problems: problems.map(formatProblem) }
      : {
          machine: compileMachine(
            (typeof definition === "string" ? parseJson(definition) : definition) as JsonObject,
          ),
        };
  if (typeof definition === "string") {
    if (byText.size >= MAX_TEXTS) byText.delete(byText.keys().next().value!);
    byText.set(definition, prepared);
  } else if (isObject(definition)) {
    byObject.set(definition, prepared);
  }
  return prepared;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
