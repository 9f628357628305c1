import { StatesError, StatesFailure } from "../errors.ts";
import { isJsonObject, jsonText, type Json } from "../json.ts";
import { compileParsedPath, type CompiledPath } from "./compile-path.ts";
import { parsePath } from "./path-parser.ts";
import { PathSyntaxError } from "./path-syntax-error.ts";

/**
 * An ASL Reference Path: a definite path of names and indexes only (InputPath, OutputPath, ResultPath,
 * Choice Variable, ItemsPath ...). Besides reading it can write a value at the path.
 */
export interface ReferencePath extends CompiledPath {
  /**
   * ResultPath semantics: a copy of `target` with `value` at the path, intermediate objects created.
   * `target` is never mutated; only the objects along the path are copied. `$` returns `value`.
   * Throws StatesFailure(States.ResultPathMatchFailure) when the path cannot be applied to `target`.
   */
  set(target: Json, value: Json): Json;
}

type Step =
  { readonly kind: "name"; readonly name: string } | { readonly kind: "index"; readonly index: number };

/**
 * Compiles a Reference Path. Throws {@link PathSyntaxError} for invalid syntax and for operators a
 * Reference Path may not use (`*`, `..`, `,`, `:`, `?`, functions).
 * `set` writes relative to the target whatever the root; the validator restricts ResultPath to `$`.
 */
export function compileReferencePath(text: string): ReferencePath {
  const parsed = parsePath(text);
  const steps: Step[] = parsed.segments.map((segment) => {
    if (segment.kind === "name" || segment.kind === "index") return segment;
    throw new PathSyntaxError(
      text,
      0,
      "a Reference Path must select a single value (no '*', '..', ',', ':', '?' or functions)",
    );
  });
  const compiled = compileParsedPath(text, parsed);
  return {
    text,
    definite: true,
    get: (scope) => compiled.get(scope),
    set: (target, value) => setAt(text, steps, 0, target, value, target),
  };
}

function setAt(text: string, steps: readonly Step[], at: number, node: Json, value: Json, whole: Json): Json {
  const step = steps[at];
  if (step === undefined) return value;
  if (step.kind === "name") {
    if (!isJsonObject(node)) throw mismatch(text, whole);
    let child = Object.hasOwn(node, step.name) ? (node[step.name] as Json) : undefined;
    if (child === undefined) {
      if (at + 1 === steps.length) return { ...node, [step.name]: value };
      // Only objects are created on the way: an index into a missing array cannot be satisfied.
      if (steps[at + 1]?.kind === "index") throw mismatch(text, whole);
      child = {};
    }
    return { ...node, [step.name]: setAt(text, steps, at + 1, child, value, whole) };
  }
  if (!Array.isArray(node)) throw mismatch(text, whole);
  const index = step.index < 0 ? node.length + step.index : step.index;
  if (index < 0 || index >= node.length) throw mismatch(text, whole);
  const copy = node.slice();
  copy[index] = setAt(text, steps, at + 1, node[index] as Json, value, whole);
  return copy;
}

function mismatch(text: string, target: Json): StatesFailure {
  return new StatesFailure(
    StatesError.ResultPathMatchFailure,
    `Unable to apply ReferencePath ${text} to input ${jsonText(target)}`,
  );
}

/** The problem that keeps `text` from being a Reference Path, or undefined when it is one. */
export function referencePathSyntaxProblem(text: string): string | undefined {
  try {
    compileReferencePath(text);
    return undefined;
  } catch (error) {
    if (error instanceof PathSyntaxError) return error.message;
    throw error;
  }
}
