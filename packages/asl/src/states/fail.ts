import { StatesError, StatesFailure, type Failure } from "../errors.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { compileIntrinsic } from "../intrinsics/compile-intrinsic.ts";
import { compilePath } from "../jsonpath/compile-path.ts";
import type { QueryScope } from "../scope.ts";
import { jsonText, type Json } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateHandler, StateRun } from "./state-handler.ts";
import type { Frame } from "../execution/snapshot.ts";
import type { FlowContext } from "../io/data-flow.ts";

type Text =
  | { kind: "literal"; value: string | undefined }
  | {
      kind: "path";
      text: string;
      get: (scope: QueryScope, flow: FlowContext) => Json | undefined;
      field: string;
    }
  | { kind: "jsonata"; template: JsonataTemplate; field: string };

/** A compiled Fail state. */
export interface FailState extends CompiledStateBase {
  error: Text;
  cause: Text;
}

/** Fail (ASL "Fail State"): ends its frame with Error/Cause (or ErrorPath/CausePath, or JSONata). */
export const fail: StateHandler<FailState> = {
  compile: (base, def) => ({
    ...base,
    error: compileText(def.Error, def.ErrorPath, "Error", base.language),
    cause: compileText(def.Cause, def.CausePath, "Cause", base.language),
  }),
  async enter(run, frame, state) {
    const error = await evaluate(run, frame, state.error);
    const cause = await evaluate(run, frame, state.cause);
    const failure: Failure = {};
    if (error !== undefined) failure.error = error;
    if (cause !== undefined) failure.cause = cause;
    return { kind: "failed", failure, final: true };
  },
};

function compileText(value: Json | undefined, path: Json | undefined, field: string, language: string): Text {
  if (typeof path === "string")
    return { kind: "path", text: path, get: compileReference(path), field: `${field}Path` };
  if (language === "JSONata" && typeof value === "string") {
    return { kind: "jsonata", template: compileJsonataTemplate(value, field), field };
  }
  return { kind: "literal", value: typeof value === "string" ? value : undefined };
}

/** ErrorPath/CausePath: a reference path, or an intrinsic function call that returns a string (as AWS allows). */
function compileReference(text: string): (scope: QueryScope, flow: FlowContext) => Json | undefined {
  if (text.startsWith("States.")) {
    const intrinsic = compileIntrinsic(text);
    return (scope, flow) => intrinsic(scope, flow);
  }
  const path = compilePath(text);
  return (scope) => path.get(scope);
}

async function evaluate(run: StateRun, frame: Frame, text: Text): Promise<string | undefined> {
  if (text.kind === "literal") return text.value;
  let value: Json | undefined;
  if (text.kind === "path") {
    const flow = run.flow(frame);
    value = text.get(flow.scope(frame.at.input), flow);
  } else {
    value = await text.template(run.bindings(frame, { input: frame.at.input }));
  }
  if (typeof value !== "string") {
    const shown = text.kind === "path" ? text.text : "expression";
    throw new StatesFailure(
      StatesError.Runtime,
      `The ${text.field} field at '${shown}' must resolve to a string but was: ${jsonText(value ?? null)}`,
    );
  }
  return value;
}
