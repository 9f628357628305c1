import type { Failure } from "../errors.ts";
import { evaluateAssign, type FlowContext } from "../io/data-flow.ts";
import type { Json, JsonObject } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { Outcome } from "../states/state-handler.ts";
import { errorMatches } from "./error-matches.ts";

/**
 * Catch (ASL "Fallback states"): the first catcher covering the error sends the state to its Next with the
 * error output `{ Error, Cause }` placed by ResultPath (JSONPath) or shaped by Output (JSONata); its Assign
 * sees the error output. Undefined when no catcher covers the error.
 */
export async function catchError(
  state: CompiledStateBase,
  failure: Failure,
  raw: Json,
  ctx: FlowContext,
): Promise<Outcome | undefined> {
  const error = failure.error ?? "";
  const catcher = state.catchers.find((c) => errorMatches(c.errorEquals, error));
  if (!catcher) return undefined;
  const errorOutput: JsonObject = { Error: error };
  if (failure.cause !== undefined) errorOutput.Cause = failure.cause;
  if (state.language === "JSONata") {
    const bindings = ctx.bindings({ input: raw, errorOutput });
    const assigned = await evaluateAssign(catcher.assign, ctx, bindings, errorOutput);
    const output = catcher.output ? await catcher.output(bindings) : errorOutput;
    return { kind: "exit", output, assigned, next: catcher.next };
  }
  const assigned = await evaluateAssign(catcher.assign, ctx, undefined, errorOutput);
  return { kind: "exit", output: catcher.resultPath(raw, errorOutput), assigned, next: catcher.next };
}
