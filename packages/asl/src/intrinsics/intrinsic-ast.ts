import type { JsonNumber } from "../json-number.ts";
import type { ParsedPath } from "../jsonpath/path-ast.ts";

/**
 * One argument of an intrinsic call as written. A string literal keeps its `raw` text (escapes intact)
 * because States.Format must tell an escaped `\{` from a placeholder.
 */
export type IntrinsicArgument =
  | { readonly kind: "string"; readonly value: string; readonly raw: string }
  | { readonly kind: "literal"; readonly value: number | JsonNumber | boolean | null }
  | { readonly kind: "path"; readonly text: string; readonly path: ParsedPath }
  | { readonly kind: "call"; readonly call: IntrinsicCall };

/** A parsed intrinsic call: `States.Name(arguments...)`. */
export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArgument[];
  /** The call's own text, for messages. */
  readonly text: string;
}
