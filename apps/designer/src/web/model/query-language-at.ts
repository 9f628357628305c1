import type { JsonLocation } from "./state-graph.ts";

/** The two query languages of ASL. */
export type QueryLanguageName = "JSONPath" | "JSONata";

/**
 * The query language in force for the state at `location`: its own `QueryLanguage`, else that of the
 * Parallel or Map it is nested in, else the machine's, else JSONPath (as @stepflow/asl compiles it).
 */
export function queryLanguageAt(definition: unknown, location: JsonLocation): QueryLanguageName {
  let language: QueryLanguageName = "JSONPath";
  let current: unknown = definition;
  const adopt = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    const own = (value as Record<string, unknown>)["QueryLanguage"];
    if (own === "JSONata" || own === "JSONPath") language = own;
  };
  adopt(current);
  for (let i = 0; i < location.length; i++) {
    if (typeof current !== "object" || current === null) break;
    current = (current as Record<string | number, unknown>)[location[i]!];
    // Only objects that are states (the entry after a "States" key) choose a language.
    if (location[i - 1] === "States") adopt(current);
  }
  return language;
}
