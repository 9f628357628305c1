import { JsonNumber } from "../json-number.ts";
/** Step Functions' limit on the size of a definition: 1 MiB of JSON text. */
export const MAX_DEFINITION_BYTES = 1_048_576;

/**
 * Deepest nesting the validator walks. Real definitions stay far below it; the limit keeps the recursive
 * rule checks (and the helpers they call) clear of the call-stack limit on hostile input.
 */
export const MAX_DEFINITION_DEPTH = 512;

/** UTF-8 length of a text, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Nesting depth of a JSON value (a scalar is 0, `[]` is 1), measured without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [node, depth] = entry;
    if (typeof node !== "object" || node === null || node instanceof JsonNumber) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DEFINITION_DEPTH) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
