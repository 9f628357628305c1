/**
 * Thrown when a JSONPath expression cannot be parsed. The message names the path and the position of the
 * problem so that a definition's author can fix it.
 */
export class PathSyntaxError extends Error {
  /** The path text as written. */
  readonly path: string;
  /** Zero-based offset in `path` where the problem was found. */
  readonly position: number;

  constructor(path: string, position: number, problem: string) {
    super(`Invalid JSONPath '${path}': ${problem} (at position ${position})`);
    this.name = "PathSyntaxError";
    this.path = path;
    this.position = position;
  }
}
