import { isJsonObject, type Json } from "../json.ts";
import type { QueryScope } from "../scope.ts";
import type { ParsedPath, PathRoot, PathSegment } from "./path-ast.ts";
import { parsePath } from "./path-parser.ts";
import { PathSyntaxError } from "./path-syntax-error.ts";
import { applyPathFunction, selectAll } from "./select-path.ts";

/** A JSONPath compiled once, evaluated many times. */
export interface CompiledPath {
  /** The path as written. */
  readonly text: string;
  /** True when the path selects at most one value (no wildcard, deep scan, slice, union or filter). */
  readonly definite: boolean;
  /**
   * The selected value: for a definite path the value or undefined when nothing matches; for an
   * indefinite path the array of every match (possibly empty), as Step Functions (Jayway) returns it.
   */
  get(scope: QueryScope): Json | undefined;
}

/**
 * Compiles a JSONPath rooted at `$` (input), `$$` (Context object) or `$name` (a variable). Definite paths
 * become chains of property/index accessors; others go through the general matcher.
 * Throws {@link PathSyntaxError} on invalid syntax.
 * @example compilePath("$.order.items[0]").get({ input, context, variables }) // the first item
 */
export function compilePath(text: string): CompiledPath {
  return compileParsedPath(text, parsePath(text));
}

/** The syntax problem of a JSONPath expression, or undefined when it compiles. */
export function pathSyntaxProblem(text: string): string | undefined {
  try {
    parsePath(text);
    return undefined;
  } catch (error) {
    if (error instanceof PathSyntaxError) return error.message;
    throw error;
  }
}

/** Compiles an already parsed path (see {@link compilePath}). */
export function compileParsedPath(text: string, parsed: ParsedPath): CompiledPath {
  const root = rootGetter(parsed.root);
  const segments = parsed.segments;
  const last = segments.at(-1);
  const steps = last?.kind === "function" ? segments.slice(0, -1) : segments;
  const accessor = definiteAccessor(steps);
  let select: (value: Json) => Json | undefined;
  if (accessor !== undefined) {
    select = accessor;
  } else {
    // `$` inside a filter is the document the path started from.
    select = (value) => selectAll(value, steps, value);
  }
  if (last?.kind === "function") {
    const inner = select;
    select = (value) => applyPathFunction(last.name, inner(value));
  }
  const finalSelect = select;
  return {
    text,
    definite: accessor !== undefined,
    get: (scope) => {
      const value = root(scope);
      return value === undefined ? undefined : finalSelect(value);
    },
  };
}

/** The value a path's root stands for in `scope` (what the rest of the path is applied to). */
export function pathRootValue(root: PathRoot, scope: QueryScope): Json | undefined {
  return rootGetter(root)(scope);
}

function rootGetter(root: PathRoot): (scope: QueryScope) => Json | undefined {
  switch (root.kind) {
    case "input":
    case "current":
      return (scope) => scope.input;
    case "context":
      return (scope) => scope.context;
    case "variable": {
      const name = root.name;
      return (scope) => scope.variables.get(name);
    }
  }
}

type Step = (value: Json) => Json | undefined;

/** A closure chain for a definite path, or undefined when the path is indefinite. */
function definiteAccessor(segments: readonly PathSegment[]): Step | undefined {
  const steps: Step[] = [];
  for (const [position, segment] of segments.entries()) {
    if (segment.kind === "name") steps.push(nameStep(segment.name));
    else if (segment.kind === "index") steps.push(indexStep(segment.index));
    // Jayway merges a union of names at the end of a path into one object (a definite result).
    else if (segment.kind === "names" && position === segments.length - 1)
      steps.push(mergeStep(segment.names));
    else return undefined;
  }
  return chain(steps);
}

function chain(steps: readonly Step[]): Step {
  const [first, second, third, ...rest] = steps;
  if (first === undefined) return (value) => value;
  if (second === undefined) return first;
  if (third === undefined) {
    return (value) => {
      const a = first(value);
      return a === undefined ? undefined : second(a);
    };
  }
  const tail = chain([third, ...rest]);
  return (value) => {
    const a = first(value);
    if (a === undefined) return undefined;
    const b = second(a);
    return b === undefined ? undefined : tail(b);
  };
}

function nameStep(name: string): Step {
  // Names that exist on Object.prototype need an own-property check; others can be read directly.
  if (name in Object.prototype) {
    return (value) => (isJsonObject(value) && Object.hasOwn(value, name) ? value[name] : undefined);
  }
  return (value) => (isJsonObject(value) ? value[name] : undefined);
}

function indexStep(index: number): Step {
  if (index >= 0) return (value) => (Array.isArray(value) ? value[index] : undefined);
  return (value) => (Array.isArray(value) ? value[value.length + index] : undefined);
}

function mergeStep(names: readonly string[]): Step {
  return (value) => {
    if (!isJsonObject(value)) return undefined;
    const merged: { [key: string]: Json } = {};
    for (const name of names) if (Object.hasOwn(value, name)) merged[name] = value[name] as Json;
    return merged;
  };
}
