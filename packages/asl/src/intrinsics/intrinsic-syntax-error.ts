/**
 * Thrown when an intrinsic function call cannot be compiled: bad syntax, an unknown function, or the wrong
 * number of arguments. The message names the expression and the problem.
 */
export class IntrinsicSyntaxError extends Error {
  /** The intrinsic call as written. */
  readonly expression: string;

  constructor(expression: string, problem: string) {
    super(`Invalid intrinsic function call '${expression}': ${problem}`);
    this.name = "IntrinsicSyntaxError";
    this.expression = expression;
  }
}
