/**
 * One JSON array of JSON texts, joined as they are (no re-escaping): what the batched statements read back
 * with `json_array_elements(...)::text`, which returns each element's text verbatim.
 */
export function jsonArray(texts: readonly string[]): string {
  return `[${texts.join(",")}]`;
}
