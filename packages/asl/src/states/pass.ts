import { effectiveInput, stateOutput } from "../io/data-flow.ts";
import type { Json } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateHandler } from "./state-handler.ts";

/** A compiled Pass state. */
export interface PassState extends CompiledStateBase {
  result: Json | undefined;
}

/** Pass (ASL "Pass State"): the result is `Result`, or else the effective input. */
export const pass: StateHandler<PassState> = {
  compile: (base, def) => ({ ...base, result: base.language === "JSONPath" ? def.Result : undefined }),
  async enter(run, frame, state) {
    const ctx = run.flow(frame);
    const raw = frame.at.input;
    const effective = await effectiveInput(state.flow, ctx, raw);
    const { output, assigned } = await stateOutput(state.flow, ctx, raw, state.result ?? effective);
    return { kind: "exit", output, assigned };
  },
};
