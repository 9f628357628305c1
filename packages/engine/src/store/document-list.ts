/**
 * Separates the JSON documents of one statement parameter. JSON text never holds a raw U+0001: outside
 * strings only whitespace may appear, and inside them control characters must be escaped.
 */
const SEPARATOR = "\u0001";

/**
 * Many JSON documents as one text parameter, which the batched statements split with
 * `string_to_table($n, E'\x01')`. Not a text[] (pg escapes every element with regular expressions in
 * JavaScript) and not a JSON array (PostgreSQL would parse and validate every document, 335 ms for the 12 MB
 * snapshot of a 10,000-item Map's start): a scalar text is sent as it is and split by a byte scan.
 * Throws if a text holds the separator, which no JSON text does.
 */
export function documentList(texts: readonly string[]): string {
  for (const text of texts) {
    if (text.includes(SEPARATOR)) throw new Error("a JSON document holds a raw U+0001; it is not JSON text");
  }
  return texts.join(SEPARATOR);
}
