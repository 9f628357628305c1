import { validateDefinition, type Problem } from "@stepflow/asl";
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { locateProblem, type ProblemLocation } from "./problem-location.ts";

/** A validation problem with where it is in the text and which node it belongs to. */
export interface LocatedProblem extends Problem, ProblemLocation {}

/** What the designer knows about a text: parsed value (when it is JSON), its tree, and its problems. */
export interface DocumentAnalysis {
  /** True when the text is strict JSON; the graph is then built from `value`. */
  parsed: boolean;
  value?: unknown;
  /**
   * The text's syntax tree, parsed on first use: for a 500-state text that is ~100 ms of main
   * thread, and only problems and a selection's key range need it.
   */
  tree: () => JsonNode | undefined;
  problems: LocatedProblem[];
}

/**
 * Parses and validates a definition text with @stepflow/asl. Invalid JSON gives one problem placed at
 * the first syntax error (as the strict parser sees it), with the validator's own message.
 */
export function analyzeDocument(text: string): DocumentAnalysis {
  const problems = validateDefinition(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
    const first = errors[0];
    const from = first?.offset ?? 0;
    const syntax = problems[0] ?? { path: "", message: "the definition is not valid JSON" };
    const detail = first === undefined ? "" : ` (${printParseErrorCode(first.error)})`;
    return {
      parsed: false,
      tree: () => tree,
      problems: [
        {
          ...syntax,
          message: `${syntax.message}${detail}`,
          location: [],
          from,
          to: from + (first?.length || 1),
        },
      ],
    };
  }
  let tree: JsonNode | undefined;
  let parsedTree = false;
  const lazyTree = (): JsonNode | undefined => {
    if (!parsedTree) tree = parseTree(text);
    parsedTree = true;
    return tree;
  };
  return {
    parsed: true,
    value,
    tree: lazyTree,
    problems: problems.map((problem) => ({ ...problem, ...locateProblem(lazyTree(), problem.path) })),
  };
}
