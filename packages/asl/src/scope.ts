import type { Json } from "./json.ts";

/** Variables visible to an expression: the state's own scope first, then every enclosing scope. */
export interface VariableScope {
  /** The value of `$name`, or undefined when no enclosing scope assigned it. */
  get(name: string): Json | undefined;
}

/**
 * What a JSONPath expression can reach while a state runs: `$` (the input at that stage of the data
 * flow: state input, task result, error output), `$$` (the Context object), and `$name` (variables).
 */
export interface QueryScope {
  input: Json;
  context: Json;
  variables: VariableScope;
}

/** A scope with no variables, for evaluating outside an execution (tests, TestState). */
export const noVariables: VariableScope = { get: () => undefined };
