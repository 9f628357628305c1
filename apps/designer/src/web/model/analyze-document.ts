import { validateDefinition, type Problem } from "@stepflow/asl";
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { locateProblem, type ProblemLocation } from "./problem-location.ts";

/** A validation problem with where it is in the text and which node it belongs to. */
export interface LocatedProblem extends Problem, ProblemLocation {}

/** What the main thread knows about a text at once: its parsed value (when it is JSON) and its tree. */
export interface ParsedDocument {
  /** True when the text is strict JSON; the graph is then built from `value`. */
  parsed: boolean;
  value?: unknown;
  /**
   * The text's syntax tree, parsed on first use: for a 500-state text that is ~100 ms of main
   * thread, and only problems and a selection's key range need it.
   */
  tree: () => JsonNode | undefined;
}

/** A parsed text with its problems. */
export interface DocumentAnalysis extends ParsedDocument {
  problems: LocatedProblem[];
}

/** Parses a definition text (strict JSON), keeping the syntax tree for later. */
export function parseDocument(text: string): ParsedDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { parsed: false, tree: lazy(() => parseTree(text, [], strict)) };
  }
  return { parsed: true, value, tree: lazy(() => parseTree(text)) };
}

/**
 * Validates a definition text with @stepflow/asl and places each problem in the text. Invalid JSON
 * gives one problem at the first syntax error (as the strict parser sees it), with the validator's
 * own message. The costly half of the analysis: the designer runs it in a worker.
 */
export function documentProblems(text: string): LocatedProblem[] {
  const problems = validateDefinition(text);
  if (!isJson(text)) {
    const errors: ParseError[] = [];
    parseTree(text, errors, strict);
    const first = errors[0];
    const from = first?.offset ?? 0;
    const syntax = problems[0] ?? { path: "", message: "the definition is not valid JSON" };
    const detail = first === undefined ? "" : ` (${printParseErrorCode(first.error)})`;
    return [
      {
        ...syntax,
        message: `${syntax.message}${detail}`,
        location: [],
        from,
        to: from + (first?.length || 1),
      },
    ];
  }
  const tree = parseTree(text);
  return problems.map((problem) => ({ ...problem, ...locateProblem(tree, problem.path) }));
}

/** Parses and validates a definition text on the calling thread (tests and small tools). */
export function analyzeDocument(text: string): DocumentAnalysis {
  return { ...parseDocument(text), problems: documentProblems(text) };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const strict = { disallowComments: true, allowTrailingComma: false };

function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) value = compute();
    done = true;
    return value as T;
  };
}
