import type { Json } from "../../json.ts";
import { intrinsicFailure, simpleIntrinsic, stringArgument } from "../intrinsic-function.ts";

const name = "States.StringToJson";

/** States.StringToJson(text): the JSON value the text holds. */
export const statesStringToJson = simpleIntrinsic(name, 1, 1, (values) => {
  const text = stringArgument(name, values, 0);
  try {
    // Java parses "-0" as the integer 0.
    return JSON.parse(text, (_key, value: Json) => (Object.is(value, -0) ? 0 : value)) as Json;
  } catch {
    throw intrinsicFailure(name, `the argument is not valid JSON: ${JSON.stringify(text)}`);
  }
});
