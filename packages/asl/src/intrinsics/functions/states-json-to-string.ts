import { simpleIntrinsic } from "../intrinsic-function.ts";
import { javaJsonText } from "../java-json.ts";

/** States.JsonToString(value): the value as compact JSON text, numbers printed as AWS prints them. */
export const statesJsonToString = simpleIntrinsic("States.JsonToString", 1, 1, (values) =>
  javaJsonText(values[0] ?? null),
);
