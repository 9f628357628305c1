import { StatesError, StatesFailure } from "../errors.ts";
import { inputPathOnly, stateOutput } from "../io/data-flow.ts";
import { compilePayloadTemplate } from "../io/payload-template.ts";
import { compileJsonataTemplate, type JsonataTemplate } from "../jsonata/jsonata-template.ts";
import { compilePath, type CompiledPath } from "../jsonpath/compile-path.ts";
import { isJsonObject, jsonText, type Json, type JsonObject } from "../json.ts";
import { integerValue, isNumeric, toNumber } from "../json-number.ts";
import type { CompiledStateBase } from "../machine/compiled-state.ts";
import type { ChildrenProgress, Frame } from "../execution/snapshot.ts";
import type { Failure } from "../errors.ts";
import type { ChildrenOptions, Outcome, StateHandler, StateRun } from "./state-handler.ts";
import {
  compileItemReader,
  readerArguments,
  readerMaxItems,
  readItems as readerItems,
  type ItemReader,
} from "./map/item-reader.ts";
import { countMapRun, finishMapRun, startMapRun } from "./map/map-run.ts";
import {
  compileResultWriter,
  resultObjects,
  transformedResults,
  writerDestination,
  type ResultWriter,
} from "./map/result-writer.ts";

type Payload = ReturnType<typeof compilePayloadTemplate>;
type Count =
  | { kind: "fixed"; value: number }
  | { kind: "path"; path: CompiledPath; field: string }
  | { kind: "jsonata"; template: JsonataTemplate; field: string };

/** A compiled Map state (a Distributed Map runs its iterations inline too, as one Map Run). */
export interface MapState extends CompiledStateBase {
  processor: string;
  distributed: boolean;
  /** The Map Run label: `Label`, or the state's name. */
  label: string;
  reader: ItemReader | undefined;
  writer: ResultWriter | undefined;
  items:
    | { kind: "path"; path: CompiledPath }
    | { kind: "jsonata"; template: JsonataTemplate; text: string }
    | { kind: "input" };
  itemSelector:
    { kind: "jsonpath"; payload: Payload } | { kind: "jsonata"; template: JsonataTemplate } | undefined;
  maxConcurrency: Count;
  toleratedCount: Count;
  toleratedPercentage: Count;
  batcher: { maxItems: number | undefined; batchInput: Payload | JsonataTemplate | undefined } | undefined;
}

/**
 * Map (ASL "Map State"): runs the item processor once per item of the items array, at most
 * MaxConcurrency at a time (0 = all); the result is the array of iteration outputs in item order.
 */
export const map: StateHandler<MapState> = {
  compile(base, def, ctx) {
    const processorDef = (def.ItemProcessor ?? def.Iterator) as JsonObject;
    const processor = ctx.compileMachine(processorDef, `${ctx.machineId}/${base.name}`, ctx.language);
    const jsonata = base.language === "JSONata";
    const selector = def.ItemSelector ?? def.Parameters;
    const batcher = isJsonObject(def.ItemBatcher) ? def.ItemBatcher : undefined;
    const config = isJsonObject(processorDef.ProcessorConfig) ? processorDef.ProcessorConfig : {};
    return {
      ...base,
      processor,
      distributed: config.Mode === "DISTRIBUTED",
      label: typeof def.Label === "string" ? def.Label : base.name,
      reader: isJsonObject(def.ItemReader) ? compileItemReader(def.ItemReader, base.language) : undefined,
      writer: isJsonObject(def.ResultWriter)
        ? compileResultWriter(def.ResultWriter, base.language)
        : undefined,
      items: jsonata
        ? def.Items === undefined
          ? { kind: "input" }
          : {
              kind: "jsonata",
              template: compileJsonataTemplate(def.Items, "Items"),
              text: itemsText(def.Items),
            }
        : { kind: "path", path: compilePath(typeof def.ItemsPath === "string" ? def.ItemsPath : "$") },
      itemSelector:
        selector === undefined
          ? undefined
          : jsonata
            ? { kind: "jsonata", template: compileJsonataTemplate(selector, "ItemSelector") }
            : { kind: "jsonpath", payload: compilePayloadTemplate(selector) },
      maxConcurrency: compileCount(def, "MaxConcurrency", base.language),
      toleratedCount: compileCount(def, "ToleratedFailureCount", base.language),
      toleratedPercentage: compileCount(def, "ToleratedFailurePercentage", base.language),
      batcher: batcher && {
        maxItems: isNumeric(batcher.MaxItemsPerBatch) ? toNumber(batcher.MaxItemsPerBatch) : undefined,
        batchInput:
          batcher.BatchInput === undefined
            ? undefined
            : jsonata
              ? compileJsonataTemplate(batcher.BatchInput, "ItemBatcher/BatchInput")
              : compilePayloadTemplate(batcher.BatchInput),
      },
    };
  },
  async enter(run, frame, state) {
    delete frame.at.mapRun;
    const input = inputPathOnly(state.flow, run.flow(frame), frame.at.input);
    if (state.reader) {
      // The items come from the engine (an S3 call); the Map waits for them like a Task for its result.
      const args = await readerArguments(run, frame, state.reader, input);
      frame.at.mapRun = { arn: "", phase: "reading" };
      scheduleOwnTask(run, frame, state.reader.resource, args, "ItemReader");
      return { kind: "blocked" };
    }
    return iterate(run, frame, state, input, await readItems(run, frame, state, input));
  },
  async onTaskSucceeded(run, frame, state, result) {
    const step = frame.at.mapRun;
    if (step?.phase === "reading" && state.reader) {
      const input = inputPathOnly(state.flow, run.flow(frame), frame.at.input);
      const maxItems = await readerMaxItems(run, frame, state.reader, input);
      return iterate(run, frame, state, input, readerItems(state.reader, result, maxItems));
    }
    if (step?.phase !== "writing") {
      throw new StatesFailure(StatesError.Runtime, "The Map state received a result it did not wait for");
    }
    finishMapRun(run, frame, undefined, step.failure, step.written);
    if (step.failure) return { kind: "failed", failure: step.failure };
    run.emit(frame, "MapStateSucceeded");
    const { output, assigned } = await stateOutput(state.flow, run.flow(frame), frame.at.input, step.output!);
    return { kind: "exit", output, assigned };
  },
  async onChildrenDone(run, frame, state) {
    const progress = frame.at.wait?.kind === "children" ? frame.at.wait.children : undefined;
    if (state.distributed && progress) {
      countMapRun(run, frame, progress);
      if (state.writer?.resource) return writeResults(run, frame, state, progress, undefined);
      finishMapRun(run, frame, progress, undefined);
    }
    run.emit(frame, "MapStateSucceeded");
    const results =
      state.writer && progress ? transformedResults(progress, state.writer) : (progress?.results ?? []);
    const { output, assigned } = await stateOutput(state.flow, run.flow(frame), frame.at.input, results);
    return { kind: "exit", output, assigned };
  },
  async onChildrenFailed(run, frame, state, failure, progress) {
    if (!state.distributed) return { kind: "failed", failure };
    countMapRun(run, frame, progress);
    // As on AWS, a failed Map Run still writes what its iterations produced before the state fails.
    if (state.writer?.resource) return writeResults(run, frame, state, progress, failure);
    finishMapRun(run, frame, progress, failure);
    return { kind: "failed", failure };
  },
};

async function iterate(
  run: StateRun,
  frame: Frame,
  state: MapState,
  input: Json,
  items: Json[],
): Promise<Outcome> {
  const inputs = await iterationInputs(run, frame, state, input, items);
  run.emit(frame, "MapStateStarted", { length: inputs.length });
  const options: ChildrenOptions = {
    kind: "Map",
    inputs,
    maxConcurrency: await count(run, frame, state.maxConcurrency, input),
    toleratedFailureCount: await count(run, frame, state.toleratedCount, input),
    toleratedFailurePercentage: await count(run, frame, state.toleratedPercentage, input),
  };
  if (state.distributed) {
    const { maxConcurrency, toleratedFailureCount, toleratedFailurePercentage } = options;
    startMapRun(run, frame, state.label, {
      maxConcurrency,
      toleratedFailureCount,
      toleratedFailurePercentage,
      total: inputs.length,
    });
  }
  run.startChildren(frame, () => state.processor, inputs.length, options);
  return { kind: "blocked" };
}

/** Hands the Map Run's results to the engine to put in S3; the state ends when they are written. */
async function writeResults(
  run: StateRun,
  frame: Frame,
  state: MapState,
  progress: ChildrenProgress,
  failure: Failure | undefined,
): Promise<Outcome> {
  const writer = state.writer!;
  const arn = frame.at.mapRun?.arn ?? "";
  let destination: { bucket: string; prefix: string };
  try {
    destination = await writerDestination(
      run,
      frame,
      writer,
      inputPathOnly(state.flow, run.flow(frame), frame.at.input),
    );
  } catch (error) {
    const mapped =
      error instanceof StatesFailure ? error.toFailure() : { error: StatesError.ResultWriterFailed };
    finishMapRun(run, frame, progress, mapped);
    throw error;
  }
  const { objects, manifestKey, written } = resultObjects(progress, writer, arn, destination);
  frame.at.mapRun = {
    arn,
    phase: "writing",
    output: { MapRunArn: arn, ResultWriterDetails: { Bucket: destination.bucket, Key: manifestKey } },
    written,
    ...(failure ? { failure } : {}),
  };
  scheduleOwnTask(
    run,
    frame,
    writer.resource!,
    { Bucket: destination.bucket, Objects: objects },
    "ResultWriter",
  );
  return { kind: "blocked" };
}

function scheduleOwnTask(
  run: StateRun,
  frame: Frame,
  resource: string,
  input: Json,
  purpose: "ItemReader" | "ResultWriter",
): void {
  run.scheduleTask(frame, {
    token: run.newToken(),
    resource,
    input,
    timeoutSeconds: undefined,
    heartbeatSeconds: undefined,
    credentials: undefined,
    purpose,
  });
}

function itemsText(items: Json): string {
  return typeof items === "string" ? items.replace(/^\{%\s*/, "").replace(/\s*%\}$/, "") : jsonText(items);
}

async function readItems(run: StateRun, frame: Frame, state: MapState, input: Json): Promise<Json[]> {
  const source = state.items;
  if (source.kind === "jsonata") {
    const value = await source.template(run.bindings(frame, { input: frame.at.input }));
    if (!Array.isArray(value)) {
      throw new StatesFailure(
        StatesError.QueryEvaluationError,
        `The JSONata expression '${source.text}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(value)}' for value: ${jsonText(value)}`,
      );
    }
    return value;
  }
  const value = source.kind === "input" ? input : source.path.get(run.flow(frame).scope(input));
  if (!Array.isArray(value)) {
    const error = state.language === "JSONata" ? StatesError.QueryEvaluationError : StatesError.Runtime;
    throw new StatesFailure(error, `Map state input must be an array but was: ${jsonText(value ?? null)}`);
  }
  return value;
}

async function iterationInputs(
  run: StateRun,
  frame: Frame,
  state: MapState,
  input: Json,
  items: Json[],
): Promise<Json[]> {
  const batched = state.batcher ? await batches(run, frame, state, input, items) : items;
  const selector = state.itemSelector;
  if (!selector || state.batcher) return batched;
  const out: Json[] = [];
  for (let index = 0; index < batched.length; index++) {
    const value = batched[index]!;
    const item = { Index: index, Value: value };
    if (selector.kind === "jsonpath") {
      const scope = {
        ...run.flow(frame).scope(input),
        context: withItem(run.flow(frame).scope(input).context, item),
      };
      out.push(selector.payload(scope, run.flow(frame)));
    } else {
      const bindings = run.bindings(frame, { input: frame.at.input });
      const states = bindings.states as JsonObject;
      out.push(
        await selector.template({
          ...bindings,
          states: { ...states, context: withItem(states.context!, item) },
        }),
      );
    }
  }
  return out;
}

function withItem(context: Json, item: { Index: number; Value: Json }): Json {
  return isJsonObject(context) ? { ...context, Map: { Item: item } } : context;
}

async function batches(
  run: StateRun,
  frame: Frame,
  state: MapState,
  input: Json,
  items: Json[],
): Promise<Json[]> {
  const batcher = state.batcher!;
  const size = batcher.maxItems ?? items.length;
  let batchInput: Json | undefined;
  if (typeof batcher.batchInput === "function") {
    batchInput =
      state.language === "JSONata"
        ? await (batcher.batchInput as JsonataTemplate)(run.bindings(frame, { input: frame.at.input }))
        : (batcher.batchInput as Payload)(run.flow(frame).scope(input), run.flow(frame));
  }
  const out: Json[] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) {
    const batch: JsonObject = { Items: items.slice(i, i + Math.max(1, size)) };
    if (batchInput !== undefined) batch.BatchInput = batchInput;
    out.push(batch);
  }
  return out;
}

function compileCount(def: JsonObject, field: string, language: string): Count {
  const path = def[`${field}Path`];
  if (typeof path === "string") return { kind: "path", path: compilePath(path), field: `${field}Path` };
  const value = def[field];
  if (language === "JSONata" && typeof value === "string") {
    return { kind: "jsonata", template: compileJsonataTemplate(value, field), field };
  }
  return { kind: "fixed", value: isNumeric(value) ? toNumber(value) : 0 };
}

async function count(run: StateRun, frame: Frame, spec: Count, input: Json): Promise<number> {
  if (spec.kind === "fixed") return spec.value;
  const json =
    spec.kind === "path"
      ? spec.path.get(run.flow(frame).scope(input))
      : await spec.template(run.bindings(frame, { input: frame.at.input }));
  const value = integerValue(json);
  if (value === undefined || value < 0) {
    const where = spec.kind === "path" ? spec.path.text : spec.field;
    throw new StatesFailure(
      StatesError.Runtime,
      `The ${spec.field} field refers to value ${jsonText(json ?? null)} which is not a valid integer: ${where}`,
    );
  }
  return value;
}

function typeName(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (isNumeric(value)) return "number";
  return typeof value;
}
