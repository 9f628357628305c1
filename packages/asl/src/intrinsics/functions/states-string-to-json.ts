import type { Json } from "../../json.ts";
import { parseJson } from "../../json-text.ts";
import { JsonNumber } from "../../json-number.ts";
import { intrinsicFailure, simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.StringToJson";

/** States.StringToJson(text): the JSON value the text holds, number lexemes kept. */
export const statesStringToJson = simpleIntrinsic(name, 1, 1, (values) => {
  const text = stringArgument(name, values, 0);
  let value: Json;
  try {
    value = parseJson(text);
  } catch {
    throw intrinsicFailure(name, `the argument is not valid JSON: ${JSON.stringify(text)}`);
  }
  return negativeZeroAsZero(value);
});

// Java parses "-0" as the integer 0. The value is freshly parsed, so it is changed in place.
function negativeZeroAsZero(value: Json): Json {
  if (value instanceof JsonNumber) return value.lexeme === "-0" ? 0 : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = negativeZeroAsZero(value[i] as Json);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) value[key] = negativeZeroAsZero(item);
  }
  return value;
}
