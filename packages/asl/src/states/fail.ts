import { StatesError, StatesFailure, type Failure } from "../errors.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { compilePath, type CompiledPath } from "../jsonpath/compile-path.ts";
import { jsonText, type Json } from "../json.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { StateHandler, StateRun } from "./state-handler.ts";
import type { Frame } from "../execution/snapshot.ts";

type Text =
  | { kind: "literal"; value: string | undefined }
  | { kind: "path"; path: CompiledPath; field: string }
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
  if (typeof path === "string") return { kind: "path", path: compilePath(path), field: `${field}Path` };
  if (language === "JSONata" && typeof value === "string") {
    return { kind: "jsonata", template: compileJsonataTemplate(value, field), field };
  }
  return { kind: "literal", value: typeof value === "string" ? value : undefined };
}

async function evaluate(run: StateRun, frame: Frame, text: Text): Promise<string | undefined> {
  if (text.kind === "literal") return text.value;
  const value =
    text.kind === "path"
      ? text.path.get(run.flow(frame).scope(frame.at.input))
      : await text.template(run.bindings(frame, { input: frame.at.input }));
  if (typeof value !== "string") {
    const shown = text.kind === "path" ? text.path.text : "expression";
    throw new StatesFailure(
      StatesError.Runtime,
      `The ${text.field} field at '${shown}' must resolve to a string but was: ${jsonText(value ?? null)}`,
    );
  }
  return value;
}
