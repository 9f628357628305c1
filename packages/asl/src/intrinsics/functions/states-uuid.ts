import { simpleIntrinsic } from "../intrinsic-function.ts";

/** States.UUID(): a version-4 UUID from the execution's id source. */
export const statesUuid = simpleIntrinsic("States.UUID", 0, 0, (_values, env) => env.uuid());
