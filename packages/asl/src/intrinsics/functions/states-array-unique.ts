import type { Json } from "../../json.ts";
import { arrayArgument, simpleIntrinsic } from "../intrinsic-function.ts";
import { jsonKey } from "../json-key.ts";

const name = "States.ArrayUnique";

/** States.ArrayUnique(array): the items without repeats, each kept at its first position. */
export const statesArrayUnique = simpleIntrinsic(name, 1, 1, (values) => {
  const seen = new Set<string>();
  const unique: Json[] = [];
  for (const item of arrayArgument(name, values, 0)) {
    const key = jsonKey(item);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(item);
    }
  }
  return unique;
});
