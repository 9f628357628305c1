import type { FormattingOptions } from "jsonc-parser";

/**
 * The indentation and line ending a JSON text already uses, so inserted code looks like its neighbours:
 * tabs if the first indented line starts with one, else the smallest indent in spaces (2 for flat text).
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  let smallest = Infinity;
  for (const line of text.split(/\r?\n/)) {
    const indent = /^[ \t]+(?=\S)/.exec(line)?.[0];
    if (indent === undefined) continue;
    if (indent.startsWith("\t")) return { insertSpaces: false, tabSize: 4, eol };
    smallest = Math.min(smallest, indent.length);
  }
  return { insertSpaces: true, tabSize: Number.isFinite(smallest) ? smallest : 2, eol };
}
