import type { Json } from "../../json.ts";
import { isNumeric } from "../../json-number.ts";
import type { IntrinsicArgument } from "../intrinsic-ast.ts";
import { intrinsicFailure, stringArgument, type IntrinsicFunction } from "../intrinsic-function.ts";
import { javaNumberText } from "../java-json.ts";

const name = "States.Format";

/**
 * States.Format(template, values...): the template with each `{}` replaced by the next value. In a
 * literal template `\{` and `\}` are plain braces. Strings are inserted as they are, other values as AWS
 * prints them (numbers Java-style, objects as `{key=value, ...}`, arrays as `[a, b]`).
 */
export const statesFormat: IntrinsicFunction = {
  name,
  minArgs: 1,
  maxArgs: Infinity,
  compile(args) {
    const template = args[0];
    if (template?.kind === "literal") return "the first argument (the template) must be a string";
    if (template?.kind !== "string") {
      return (values) => {
        const pieces = stringArgument(name, values, 0).split("{}");
        return fill(pieces, values);
      };
    }
    const pieces = literalPieces(template);
    if (pieces.length - 1 !== args.length - 1) return placeholderMismatch(pieces.length - 1, args.length - 1);
    return (values) => fill(pieces, values);
  },
};

function placeholderMismatch(placeholders: number, values: number): string {
  return `the template has ${placeholders} placeholder(s) '{}' but ${values} value(s) follow it`;
}

function fill(pieces: readonly string[], values: readonly Json[]): string {
  if (pieces.length !== values.length)
    throw intrinsicFailure(name, placeholderMismatch(pieces.length - 1, values.length - 1));
  let text = pieces[0] ?? "";
  for (let index = 1; index < pieces.length; index++)
    text += formatValue(values[index] ?? null) + (pieces[index] ?? "");
  return text;
}

// Splits a literal template on its unescaped `{}`; `raw` still has the escapes as written.
function literalPieces(template: Extract<IntrinsicArgument, { kind: "string" }>): string[] {
  const raw = template.raw;
  const pieces: string[] = [];
  let piece = "";
  for (let index = 0; index < raw.length; index++) {
    const char = raw.charAt(index);
    if (char === "\\" && index + 1 < raw.length) {
      const escaped = raw.charAt(++index);
      piece += "'{}\\".includes(escaped) ? escaped : `\\${escaped}`;
    } else if (char === "{" && raw.charAt(index + 1) === "}") {
      pieces.push(piece);
      piece = "";
      index++;
    } else {
      piece += char;
    }
  }
  pieces.push(piece);
  return pieces;
}

/** How AWS prints one value into a formatted string (Java's toString of the parsed JSON). */
function formatValue(value: Json): string {
  if (typeof value === "string") return value;
  if (isNumeric(value)) return javaNumberText(value);
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${key}=${formatValue(item)}`)
    .join(", ")}}`;
}
