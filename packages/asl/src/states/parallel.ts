import { effectiveInput, stateOutput } from "../io/data-flow.ts";
import type { JsonObject } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateHandler } from "./state-handler.ts";

/** A compiled Parallel state. */
export interface ParallelState extends CompiledStateBase {
  branches: string[];
}

/**
 * Parallel (ASL "Parallel State"): every branch gets the effective input; the result is the array of
 * branch outputs in branch order. The first failing branch fails the state and stops the others.
 */
export const parallel: StateHandler<ParallelState> = {
  compile(base, def, ctx) {
    const branches = (def.Branches as JsonObject[]).map((branch, i) =>
      ctx.compileMachine(branch, `${ctx.machineId}/${base.name}/${i}`, ctx.language),
    );
    return { ...base, branches };
  },
  async enter(run, frame, state) {
    const input = await effectiveInput(state.flow, run.flow(frame), frame.at.input);
    run.emit(frame, "ParallelStateStarted");
    run.startChildren(frame, (i) => state.branches[i]!, state.branches.length, {
      kind: "Parallel",
      inputs: state.branches.map(() => input),
      maxConcurrency: 0,
      toleratedFailureCount: 0,
      toleratedFailurePercentage: 0,
    });
    return { kind: "blocked" };
  },
  async onChildrenDone(run, frame, state) {
    const results = frame.at.wait?.kind === "children" ? frame.at.wait.children.results : [];
    run.emit(frame, "ParallelStateSucceeded");
    const { output, assigned } = await stateOutput(state.flow, run.flow(frame), frame.at.input, results);
    return { kind: "exit", output, assigned };
  },
};
