import { effectiveInput, stateOutput } from "../io/data-flow.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateHandler } from "./state-handler.ts";

/** Succeed (ASL "Succeed State"): ends its frame successfully; InputPath/OutputPath (or Output) apply. */
export const succeed: StateHandler<CompiledStateBase> = {
  compile: (base) => base,
  async enter(run, frame, state) {
    const ctx = run.flow(frame);
    const raw = frame.at.input;
    const { output } = await stateOutput(state.flow, ctx, raw, await effectiveInput(state.flow, ctx, raw));
    return { kind: "exit", output };
  },
};
