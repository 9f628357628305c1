import { parsePath, type PathSegment } from "@stepflow/asl";
import { ConversionRefused } from "./conversion-refused.ts";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The JSONata expression that reads the JSONPath `path`: `$` is `input` (a JSONata expression for what
 * `$` meant where the path was written), `$$` is `$states.context`, `$name` the variable `name`.
 * Only plain names and indexes convert: Jayway wildcards, filters, slices, unions, scans and path
 * functions return lists where JSONata returns single values, so they are refused.
 *
 * @example pathToJsonata("$.order.items[0]", "$states.input") // "$states.input.order.items[0]"
 */
export function pathToJsonata(path: string, input: string): string {
  let parsed;
  try {
    parsed = parsePath(path);
  } catch (error) {
    throw new ConversionRefused(`"${path}" is not a valid JSONPath (${(error as Error).message})`);
  }
  let expression =
    parsed.root.kind === "input"
      ? input
      : parsed.root.kind === "context"
        ? "$states.context"
        : parsed.root.kind === "variable"
          ? `$${parsed.root.name}`
          : undefined;
  if (expression === undefined) throw new ConversionRefused(`"${path}" starts with @ outside a filter`);
  for (const segment of parsed.segments) expression += step(segment, path);
  return expression;
}

function step(segment: PathSegment, path: string): string {
  if (segment.kind === "name") return fieldStep(segment.name, path);
  if (segment.kind === "index") return `[${segment.index}]`;
  const feature = {
    names: "a union of names ['a','b']",
    indexes: "a union of indexes [0,1]",
    wildcard: "a wildcard",
    slice: "a slice",
    filter: "a filter [?(...)]",
    scan: "deep scan (..)",
    function: "a path function",
  }[segment.kind];
  throw new ConversionRefused(
    `"${path}" uses ${feature}: Jayway JSONPath returns a list there and JSONata a single value, so it has no faithful JSONata equivalent; rewrite it by hand`,
  );
}

/** The JSONata step that reads field `name` (backtick-quoted unless it is an identifier). */
export function fieldStep(name: string, path: string): string {
  if (IDENTIFIER.test(name)) return `.${name}`;
  if (name.includes("`"))
    throw new ConversionRefused(`the field name ${JSON.stringify(name)} in "${path}" holds a backtick`);
  return `.\`${name}\``;
}
