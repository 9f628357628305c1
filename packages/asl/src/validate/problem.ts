/** One thing wrong with a state machine definition: where (a JSON path from the root) and how to fix it. */
export interface Problem {
  /** Dotted path from the document root (`States.Charge.Retry[0].ErrorEquals`); empty for the root itself. */
  path: string;
  message: string;
}

/**
 * Prints a problem as `path: message` (just the message for the document root).
 *
 * @example formatProblem({ path: "States.A.Next", message: 'state "B" does not exist' })
 * // 'States.A.Next: state "B" does not exist'
 */
export function formatProblem(problem: Problem): string {
  return problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`;
}
