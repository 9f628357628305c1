import { StatesError, StatesFailure } from "../errors.ts";
import { effectiveInput, stateOutput } from "../io/data-flow.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { compilePath, type CompiledPath } from "../jsonpath/compile-path.ts";
import { jsonText, type Json } from "../json.ts";
import { integerValue, isNumeric, toNumber } from "../json-number.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { Frame } from "../execution/snapshot.ts";
import type { StateHandler, StateRun } from "./state-handler.ts";

type Seconds =
  | { kind: "none" }
  | { kind: "fixed"; value: number }
  | { kind: "path"; path: CompiledPath; field: string }
  | { kind: "jsonata"; template: JsonataTemplate; field: string };

/** A compiled Task state. */
export interface TaskState extends CompiledStateBase {
  resource: string;
  timeout: Seconds;
  heartbeat: Seconds;
  credentials: Json | undefined;
}

/**
 * Task (ASL "Task State"): hands the effective input to the engine as a ScheduleTask command and waits
 * for its result; timeouts and heartbeats are durable timers the core starts with the task.
 */
export const task: StateHandler<TaskState> = {
  compile: (base, def) => ({
    ...base,
    resource: def.Resource as string,
    timeout: compileSeconds(def.TimeoutSeconds, def.TimeoutSecondsPath, "TimeoutSeconds", base.language),
    heartbeat: compileSeconds(
      def.HeartbeatSeconds,
      def.HeartbeatSecondsPath,
      "HeartbeatSeconds",
      base.language,
    ),
    credentials: def.Credentials,
  }),
  async enter(run, frame, state) {
    frame.at.token = run.newToken();
    const input = await effectiveInput(state.flow, run.flow(frame), frame.at.input);
    run.scheduleTask(frame, {
      token: frame.at.token,
      resource: state.resource,
      input,
      timeoutSeconds: await seconds(run, frame, state.timeout),
      heartbeatSeconds: await seconds(run, frame, state.heartbeat),
      credentials: state.credentials,
    });
    return { kind: "blocked" };
  },
  async onTaskSucceeded(run, frame, state, result) {
    const { output, assigned } = await stateOutput(state.flow, run.flow(frame), frame.at.input, result);
    return { kind: "exit", output, assigned };
  },
};

function compileSeconds(
  value: Json | undefined,
  path: Json | undefined,
  field: string,
  language: string,
): Seconds {
  if (typeof path === "string") return { kind: "path", path: compilePath(path), field: `${field}Path` };
  if (isNumeric(value)) return { kind: "fixed", value: toNumber(value) };
  if (language === "JSONata" && typeof value === "string") {
    return { kind: "jsonata", template: compileJsonataTemplate(value, field), field };
  }
  return { kind: "none" };
}

async function seconds(run: StateRun, frame: Frame, spec: Seconds): Promise<number | undefined> {
  switch (spec.kind) {
    case "none":
      return undefined;
    case "fixed":
      return spec.value;
    case "path":
      return positiveInteger(spec.path.get(run.flow(frame).scope(frame.at.input)), spec.field);
    case "jsonata":
      return positiveInteger(await spec.template(run.bindings(frame, { input: frame.at.input })), spec.field);
  }
}

function positiveInteger(json: Json | undefined, field: string): number {
  const value = integerValue(json);
  if (value === undefined || value < 1) {
    throw new StatesFailure(
      StatesError.Runtime,
      `The ${field} field must resolve to a positive integer but was: ${jsonText(json ?? null)}`,
    );
  }
  return value;
}
