import { StatesError, StatesFailure } from "../errors.ts";
import { effectiveInput, stateOutput } from "../io/data-flow.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { compilePath, type CompiledPath } from "../jsonpath/compile-path.ts";
import { jsonText, type Json } from "../json.ts";
import { integerValue, isNumeric, toNumber } from "../json-number.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import { parseTimestamp } from "../timestamp.ts";
import type { Frame } from "../execution/snapshot.ts";
import type { StateHandler, StateRun } from "./state-handler.ts";

type Until =
  | { kind: "seconds"; seconds: number }
  | { kind: "timestamp"; at: number }
  | { kind: "secondsPath" | "timestampPath"; path: CompiledPath }
  | { kind: "secondsJsonata" | "timestampJsonata"; template: JsonataTemplate; text: string };

/** A compiled Wait state. */
export interface WaitState extends CompiledStateBase {
  until: Until;
}

/**
 * Wait (ASL "Wait State"): a durable timer until Seconds / Timestamp (or their Path and JSONata forms).
 * A wait that is already due passes straight through, so it costs no durable commit.
 */
export const wait: StateHandler<WaitState> = {
  compile: (base, def) => ({ ...base, until: compileUntil(def, base.language) }),
  async enter(run, frame, state) {
    const ctx = run.flow(frame);
    const raw = frame.at.input;
    const input = await effectiveInput(state.flow, ctx, raw);
    const dueAt = await dueTime(run, frame, state, input);
    const { output, assigned } = await stateOutput(state.flow, ctx, raw, input);
    if (dueAt <= run.now()) return { kind: "exit", output, assigned };
    const timer = run.startTimer(frame, dueAt);
    frame.at.wait = { kind: "timer", timer, purpose: "wait", output };
    if (assigned) frame.at.wait.assigned = assigned;
    return { kind: "blocked" };
  },
  onTimer(_run, frame) {
    const waiting = frame.at.wait;
    const output = waiting?.kind === "timer" ? (waiting.output ?? null) : null;
    const assigned = waiting?.kind === "timer" ? waiting.assigned : undefined;
    return Promise.resolve({ kind: "exit", output, assigned });
  },
};

function compileUntil(def: Record<string, Json>, language: string): Until {
  if (language === "JSONata") {
    const field = def.Seconds !== undefined ? "Seconds" : "Timestamp";
    const value = def[field];
    if (typeof value === "string") {
      const kind = field === "Seconds" ? "secondsJsonata" : "timestampJsonata";
      return { kind, template: compileJsonataTemplate(value, field), text: value };
    }
  }
  if (isNumeric(def.Seconds)) return { kind: "seconds", seconds: toNumber(def.Seconds) };
  if (typeof def.Timestamp === "string") return { kind: "timestamp", at: parseTimestamp(def.Timestamp) ?? 0 };
  if (typeof def.SecondsPath === "string") return { kind: "secondsPath", path: compilePath(def.SecondsPath) };
  return { kind: "timestampPath", path: compilePath(def.TimestampPath as string) };
}

async function dueTime(run: StateRun, frame: Frame, state: WaitState, input: Json): Promise<number> {
  const until = state.until;
  const entered = frame.at.enteredTime;
  switch (until.kind) {
    case "seconds":
      return entered + until.seconds * 1000;
    case "timestamp":
      return until.at;
    case "secondsPath":
      return entered + secondsFrom(until.path.get(run.flow(frame).scope(input)), until.path.text) * 1000;
    case "timestampPath":
      return timestampFrom(until.path.get(run.flow(frame).scope(input)), until.path.text);
    case "secondsJsonata":
    case "timestampJsonata": {
      const value = await until.template(run.bindings(frame, { input: frame.at.input }));
      if (until.kind === "secondsJsonata") return entered + jsonataSeconds(value) * 1000;
      return timestampFrom(value, until.text);
    }
  }
}

function secondsFrom(json: Json | undefined, path: string): number {
  const value = integerValue(json);
  if (value === undefined) {
    throw new StatesFailure(
      StatesError.Runtime,
      `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${jsonText(json ?? null)}`,
    );
  }
  if (value < 0) {
    throw new StatesFailure(
      StatesError.Runtime,
      `The SecondsPath parameter references a negative value: ${path} == ${value}`,
    );
  }
  return value;
}

function jsonataSeconds(json: Json): number {
  const value = integerValue(json);
  if (value === undefined || value < 0) {
    throw new StatesFailure(
      StatesError.QueryEvaluationError,
      `The Seconds field must be a non-negative integer but was: ${jsonText(json)}`,
    );
  }
  return value;
}

function timestampFrom(value: Json | undefined, path: string): number {
  const at = typeof value === "string" ? parseTimestamp(value) : undefined;
  if (at === undefined) {
    throw new StatesFailure(
      StatesError.Runtime,
      `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${jsonText(value ?? null)}`,
    );
  }
  return at;
}
