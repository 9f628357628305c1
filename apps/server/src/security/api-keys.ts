/**
 * Reads `STEPFLOW_API_KEYS`: comma-separated bearer tokens for the REST `/v1` API
 * (`k1-long-random,k2-long-random`). Whitespace around entries is ignored; an empty text means no keys.
 * A token shorter than 16 characters throws (with its position only, never its text).
 *
 * @example
 * parseApiKeys("0123456789abcdef0123, fedcba9876543210fedc"); // two keys
 */
export function parseApiKeys(text: string): readonly string[] {
  const keys = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  keys.forEach((key, index) => {
    if (key.length < 16 || /\s/.test(key)) {
      throw new Error(
        `STEPFLOW_API_KEYS entry ${index + 1} must be at least 16 characters without whitespace`,
      );
    }
  });
  return keys;
}
