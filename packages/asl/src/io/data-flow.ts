import { StatesError, StatesFailure } from "../errors.ts";
import { isJsonObject, jsonText, type Json, type JsonObject } from "../json.ts";
import {
  compileJsonataTemplate,
  type JsonataBindings,
  type JsonataTemplate,
} from "../jsonata/jsonata-template.ts";
import { compilePath } from "../jsonpath/compile-path.ts";
import { compileReferencePath } from "../jsonpath/reference-path.ts";
import type { QueryLanguage } from "../machine/query-language.ts";
import type { QueryScope } from "../scope.ts";
import { compilePayloadTemplate } from "./payload-template.ts";

/** What the data-flow stages need from the running execution. */
export interface FlowContext {
  /** A JSONPath scope whose `$` is `input`. */
  scope(input: Json): QueryScope;
  /** JSONata bindings: `$states` with these fields plus the context, and every visible variable. */
  bindings(states: { input: Json; result?: Json; errorOutput?: Json }): JsonataBindings;
  random(): number;
  uuid(): string;
}

type Selector = (scope: QueryScope) => Json;
type Payload = (scope: QueryScope, env: { random(): number; uuid(): string }) => Json;
/** ResultPath: places a result into the raw state input. */
export type ResultPathFn = (rawInput: Json, result: Json) => Json;

/** A compiled `Assign` block, in the state's query language. */
export type Assigner =
  { language: "JSONPath"; values: Payload } | { language: "JSONata"; values: JsonataTemplate };

/** The compiled data-flow fields of one state (ASL "Input and Output Processing"). */
export type DataFlow =
  | {
      language: "JSONPath";
      inputPath: Selector;
      parameters: Payload | undefined;
      resultSelector: Payload | undefined;
      resultPath: ResultPathFn;
      outputPath: Selector;
      assign: Assigner | undefined;
    }
  | {
      language: "JSONata";
      arguments: JsonataTemplate | undefined;
      output: JsonataTemplate | undefined;
      assign: Assigner | undefined;
    };

/** Compiles the data-flow fields a state has; `parameters` is false for states whose Parameters mean something else (Map). */
export function compileDataFlow(
  def: JsonObject,
  language: QueryLanguage,
  options: { parameters: boolean },
): DataFlow {
  if (language === "JSONata") {
    return {
      language,
      arguments: def.Arguments === undefined ? undefined : compileJsonataTemplate(def.Arguments, "Arguments"),
      output: def.Output === undefined ? undefined : compileJsonataTemplate(def.Output, "Output"),
      assign: compileAssign(def.Assign, language),
    };
  }
  return {
    language,
    inputPath: compileSelector(def.InputPath),
    parameters:
      options.parameters && def.Parameters !== undefined ? compilePayloadTemplate(def.Parameters) : undefined,
    resultSelector: def.ResultSelector === undefined ? undefined : compilePayloadTemplate(def.ResultSelector),
    resultPath: compileResultPath(def.ResultPath),
    outputPath: compileSelector(def.OutputPath),
    assign: compileAssign(def.Assign, language),
  };
}

/** Compiles an `Assign` block, or undefined when the state has none. */
export function compileAssign(value: Json | undefined, language: QueryLanguage): Assigner | undefined {
  if (value === undefined) return undefined;
  return language === "JSONata"
    ? { language, values: compileJsonataTemplate(value, "Assign") }
    : { language, values: compilePayloadTemplate(value) };
}

/** InputPath / OutputPath: absent means `$`, null means `{}` (ASL "InputPath, OutputPath"). */
function compileSelector(value: Json | undefined): Selector {
  if (value === undefined || value === "$") return (scope) => scope.input;
  if (value === null) return () => ({});
  const path = compilePath(value as string);
  return (scope) => {
    const found = path.get(scope);
    if (found === undefined) {
      throw new StatesFailure(
        StatesError.Runtime,
        `Invalid path '${path.text}' : No results for path: ${bracketed(path.text)}`,
      );
    }
    return found;
  };
}

/** ResultPath: absent means `$` (the result replaces the input), null discards the result. */
export function compileResultPath(value: Json | undefined): ResultPathFn {
  if (value === undefined || value === "$") return (_raw, result) => result;
  if (value === null) return (raw) => raw;
  const path = compileReferencePath(value as string);
  return (raw, result) => path.set(raw, result);
}

/** Stage one: the raw state input → the effective input (after InputPath + Parameters, or Arguments). */
export async function effectiveInput(flow: DataFlow, ctx: FlowContext, raw: Json): Promise<Json> {
  if (flow.language === "JSONata") {
    return flow.arguments ? flow.arguments(ctx.bindings({ input: raw })) : raw;
  }
  const selected = flow.inputPath(ctx.scope(raw));
  return flow.parameters ? flow.parameters(ctx.scope(selected), ctx) : selected;
}

/** The JSONPath effective input without Parameters (Map applies its own per item). */
export function inputPathOnly(flow: DataFlow, ctx: FlowContext, raw: Json): Json {
  return flow.language === "JSONPath" ? flow.inputPath(ctx.scope(raw)) : raw;
}

/** Result of stage two: the state output and the variables it assigns. */
export interface StateResult {
  output: Json;
  assigned: JsonObject | undefined;
}

/**
 * Stage two: a result → the state output. JSONPath: ResultSelector, ResultPath, OutputPath; JSONata:
 * Output (default: the result). Assign sees the values of variables from before the state.
 */
export async function stateOutput(
  flow: DataFlow,
  ctx: FlowContext,
  raw: Json,
  result: Json,
): Promise<StateResult> {
  if (flow.language === "JSONata") {
    const bindings = ctx.bindings({ input: raw, result });
    const assigned = await evaluateAssign(flow.assign, ctx, bindings, result);
    const output = flow.output ? await flow.output(bindings) : result;
    return { output, assigned };
  }
  const selected = flow.resultSelector ? flow.resultSelector(ctx.scope(result), ctx) : result;
  const assigned = await evaluateAssign(flow.assign, ctx, undefined, selected);
  const output = flow.outputPath(ctx.scope(flow.resultPath(raw, selected)));
  return { output, assigned };
}

/** Evaluates an Assign block: JSONPath with `$` = `dollar`, JSONata with the given bindings. */
export async function evaluateAssign(
  assign: Assigner | undefined,
  ctx: FlowContext,
  bindings: JsonataBindings | undefined,
  dollar: Json,
): Promise<JsonObject | undefined> {
  if (!assign) return undefined;
  const values =
    assign.language === "JSONata"
      ? await assign.values(bindings ?? ctx.bindings({ input: dollar }))
      : assign.values(ctx.scope(dollar), ctx);
  if (!isJsonObject(values)) {
    throw new StatesFailure(
      StatesError.Runtime,
      `Assign must evaluate to an object but was: ${jsonText(values)}`,
    );
  }
  return values;
}

/** `$.a.b` → `$['a']['b']`, as Jayway prints paths in its messages. */
function bracketed(path: string): string {
  return path.replace(/^\$/, "$").replace(/\.([A-Za-z_][\w-]*)/g, "['$1']");
}
