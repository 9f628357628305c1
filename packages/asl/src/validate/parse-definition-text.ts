import { parse } from "lossless-json";
import { parseJsonNumber } from "../json-number.ts";
import { hasLossyNumber, memberCountBound, parsedMemberCount } from "../json-scan.ts";

/**
 * Parses a definition text keeping number lexemes and calling `repeated` with each value whose key its
 * object already had (lossless-json reports a repeated key only when the values differ). JSON.parse's
 * value is used when the text has neither a lossy number nor a repeated key, which is the common case and
 * about 10× faster on a large definition.
 * @throws SyntaxError for text that is not JSON; RangeError when it nests too deep for the parser.
 */
export function parseDefinitionText(text: string, repeated: (value: unknown) => void): unknown {
  const fast = JSON.parse(text) as unknown;
  // The bound equals the members JSON.parse kept only when no name was repeated.
  if (!hasLossyNumber(text) && memberCountBound(text) === parsedMemberCount(fast)) return fast;
  return parse(text, null, {
    parseNumber: parseJsonNumber,
    onDuplicateKey: ({ newValue }) => {
      repeated(newValue);
      return newValue;
    },
  });
}
