import { stringifyJson } from "@stepflow/asl";
import { modify, type Edit, type FormattingOptions, type Node as JsonNode } from "jsonc-parser";
import type { JsonLocation } from "./state-graph.ts";

/**
 * The edit that appends `"key": value` as the last property of `object`, on its own line indented
 * like the property before it. jsonc-parser's own insertion reformats the neighbouring property
 * (a compact `{"Type": "Succeed"}` becomes three lines), so it is only the fallback for an empty
 * object or one written on a single line.
 */
export function insertProperty(
  text: string,
  object: JsonNode,
  location: JsonLocation,
  key: string,
  value: unknown,
  format: FormattingOptions,
): Edit[] {
  const last = object.children?.at(-1);
  const lineStart = last === undefined ? -1 : text.lastIndexOf("\n", last.offset) + 1;
  const indent = last === undefined ? "" : text.slice(lineStart, last.offset);
  if (last === undefined || lineStart === 0 || !/^[ \t]*$/.test(indent)) {
    return modify(text, [...location, key], value, { formattingOptions: format });
  }
  const eol = format.eol ?? "\n";
  const unit = format.insertSpaces === false ? "\t" : " ".repeat(format.tabSize ?? 2);
  // stringifyJson keeps number lexemes (1.0) of a value parsed with @stepflow/asl.
  const body = stringifyJson(value, unit)!.replaceAll("\n", `${eol}${indent}`);
  return [
    {
      offset: last.offset + last.length,
      length: 0,
      content: `,${eol}${indent}${JSON.stringify(key)}: ${body}`,
    },
  ];
}
