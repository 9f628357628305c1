import { simpleIntrinsic } from "../intrinsic-function.ts";

/** States.Array(values...): a JSON array of its arguments, in order. */
export const statesArray = simpleIntrinsic("States.Array", 0, Infinity, (values) => [...values]);
