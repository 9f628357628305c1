import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateType } from "../machine/state-type.ts";
import { choice } from "./choice.ts";
import { fail } from "./fail.ts";
import { map } from "./map.ts";
import { parallel } from "./parallel.ts";
import { pass } from "./pass.ts";
import type { StateHandler } from "./state-handler.ts";
import { succeed } from "./succeed.ts";
import { task } from "./task.ts";
import { wait } from "./wait.ts";

/** One handler per state type; a missing one does not compile. */
export const stateHandlers: { [K in StateType]: StateHandler<CompiledStateBase> } = {
  Pass: pass,
  Task: task,
  Choice: choice,
  Wait: wait,
  Succeed: succeed,
  Fail: fail,
  Parallel: parallel,
  Map: map,
};
