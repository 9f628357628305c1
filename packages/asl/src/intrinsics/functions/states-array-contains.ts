import { arrayArgument, simpleIntrinsic } from "../intrinsic-function.ts";
import { jsonKey } from "../json-key.ts";

const name = "States.ArrayContains";

/** States.ArrayContains(array, value): true when some item equals `value` as JSON (objects by content). */
export const statesArrayContains = simpleIntrinsic(name, 2, 2, (values) => {
  const array = arrayArgument(name, values, 0);
  const wanted = jsonKey(values[1] ?? null);
  return array.some((item) => jsonKey(item) === wanted);
});
