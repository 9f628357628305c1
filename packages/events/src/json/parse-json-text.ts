import { JsonNumberText } from "./json-number-text.ts";
import { JsonToken, JsonTokenizer, type JsonTokenKind } from "./json-tokenizer.ts";

/** A parsed JSON value whose numbers stay {@link JsonNumberText}. Duplicate keys keep the last value. */
export type JsonTextValue =
  null | boolean | string | JsonNumberText | JsonTextValue[] | { [key: string]: JsonTextValue };

/**
 * Parses JSON text like Jackson's tree reader: numbers keep their literal text, a duplicate key keeps
 * its last value, and trailing non-space text is rejected.
 * @throws JsonSyntaxError with Jackson's wording.
 */
export function parseJsonText(text: string): JsonTextValue {
  const tokens = new JsonTokenizer(text);
  const first = tokens.next();
  if (first === JsonToken.End) tokens.fail("No content to map due to end-of-input");
  const value = readValue(tokens, first);
  if (tokens.next() !== JsonToken.End) {
    tokens.fail("Unexpected token after the root value: trailing content is not allowed");
  }
  return value;
}

function readValue(tokens: JsonTokenizer, token: JsonTokenKind): JsonTextValue {
  switch (token) {
    case JsonToken.StartObject: {
      const out: { [key: string]: JsonTextValue } = {};
      for (let t = tokens.next(); t !== JsonToken.EndObject; t = tokens.next()) {
        const name = tokens.fieldName();
        const value = readValue(tokens, tokens.next());
        // "__proto__" must be data rather than a prototype change; every other key is a plain assignment,
        // which keeps the object's fast properties (defineProperty on each key cost a quarter of parsing).
        if (name === "__proto__")
          Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
        else out[name] = value;
      }
      return out;
    }
    case JsonToken.StartArray: {
      const out: JsonTextValue[] = [];
      for (let t = tokens.next(); t !== JsonToken.EndArray; t = tokens.next()) out.push(readValue(tokens, t));
      return out;
    }
    case JsonToken.String:
      return tokens.text();
    case JsonToken.Int:
    case JsonToken.Float:
      return new JsonNumberText(tokens.text());
    case JsonToken.True:
      return true;
    case JsonToken.False:
      return false;
    case JsonToken.Null:
      return null;
    default:
      return tokens.fail("Unexpected token");
  }
}
