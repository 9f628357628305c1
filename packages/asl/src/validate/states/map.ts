import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { checkPathField, checkPayloadTemplate } from "../jsonpath-syntax.ts";
import { checkIntegerField, checkNotBoth, checkNumberField } from "../numeric-fields.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { isFields, shown } from "../value-checks.ts";
import { checkItemBatcher } from "./map-item-batcher.ts";
import { checkItemReader } from "./map-item-reader.ts";
import { checkMapLabel } from "./map-label.ts";
import { checkProcessorConfig, type MapMode } from "./map-processor-config.ts";
import { checkResultWriter } from "./map-result-writer.ts";

// Fields that only a Distributed Map understands (Step Functions "Distributed Map state fields").
const DISTRIBUTED_ONLY = [
  "ItemReader",
  "ItemBatcher",
  "ResultWriter",
  "Label",
  "ToleratedFailurePercentage",
  "ToleratedFailurePercentagePath",
  "ToleratedFailureCount",
  "ToleratedFailureCountPath",
];

/**
 * Checks a Map state (ASL "Map State" and the Distributed Map fields): the item processor, the item
 * source and selector, concurrency, failure tolerance, and the distributed-only reader/batcher/writer/label.
 */
export function checkMapState(s: StateUnderCheck): void {
  const { ctx, at, state } = s;
  const mode = checkProcessor(s);
  if (s.carries("ItemsPath")) checkPathField(ctx, state.ItemsPath, fieldPath(at, "ItemsPath"), "reference");
  if (s.carries("Items") && !Array.isArray(state.Items) && !isJsonataExpression(state.Items)) {
    ctx.report(
      fieldPath(at, "Items"),
      `must be an array or a {% %} JSONata expression; got ${shown(state.Items)}`,
    );
  }
  if (s.carries("ItemSelector")) {
    if (s.language === "JSONPath")
      checkPayloadTemplate(ctx, state.ItemSelector, fieldPath(at, "ItemSelector"));
    else if (!isFields(state.ItemSelector) && !isJsonataExpression(state.ItemSelector)) {
      ctx.report(
        fieldPath(at, "ItemSelector"),
        `must be an object or a {% %} JSONata expression; got ${shown(state.ItemSelector)}`,
      );
    }
  }
  if (s.carries("ItemSelector") && s.carries("Parameters")) {
    ctx.report(
      at,
      'cannot have both "ItemSelector" and "Parameters"; keep "ItemSelector" ("Parameters" is its legacy name)',
    );
  }
  if (s.carries("MaxConcurrency"))
    checkIntegerField(s, state.MaxConcurrency, fieldPath(at, "MaxConcurrency"), 0, Infinity);
  if (s.carries("ToleratedFailureCount")) {
    checkIntegerField(s, state.ToleratedFailureCount, fieldPath(at, "ToleratedFailureCount"), 0, Infinity);
  }
  if (s.carries("ToleratedFailurePercentage")) {
    checkNumberField(
      s,
      state.ToleratedFailurePercentage,
      fieldPath(at, "ToleratedFailurePercentage"),
      0,
      100,
    );
  }
  for (const field of ["MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage"]) {
    const pathField = `${field}Path`;
    if (s.carries(pathField)) checkPathField(ctx, state[pathField], fieldPath(at, pathField), "reference");
    checkNotBoth(s, field, pathField);
  }
  if (mode === "INLINE") {
    for (const field of DISTRIBUTED_ONLY.filter((f) => s.carries(f))) {
      ctx.report(
        fieldPath(at, field),
        `is only allowed in a Distributed Map; set "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"} in the item processor, or remove it`,
      );
    }
    return;
  }
  if (s.carries("ItemReader")) checkItemReader(s, state.ItemReader, fieldPath(at, "ItemReader"));
  if (s.carries("ItemBatcher")) checkItemBatcher(s, state.ItemBatcher, fieldPath(at, "ItemBatcher"));
  if (s.carries("ResultWriter")) checkResultWriter(s, state.ResultWriter, fieldPath(at, "ResultWriter"));
  if (s.carries("Label")) checkMapLabel(s, state.Label, fieldPath(at, "Label"));
}

/** Checks `ItemProcessor` (or the legacy `Iterator`) and returns the Map's processing mode. */
function checkProcessor(s: StateUnderCheck): MapMode {
  const { ctx, at, state } = s;
  const hasProcessor = s.carries("ItemProcessor");
  const hasIterator = s.carries("Iterator");
  if (hasProcessor && hasIterator) {
    ctx.report(
      at,
      'cannot have both "ItemProcessor" and "Iterator"; keep "ItemProcessor" ("Iterator" is its legacy name)',
    );
  }
  if (!hasProcessor && !hasIterator) {
    ctx.report(
      at,
      'a Map state needs "ItemProcessor": a state machine with "StartAt" and "States" that runs for each item',
    );
    return "INLINE";
  }
  const kind = hasProcessor ? "ItemProcessor" : "Iterator";
  const processor = state[kind];
  const processorAt = fieldPath(at, kind);
  s.nested(processor, processorAt, kind);
  if (!isFields(processor) || !Object.prototype.hasOwnProperty.call(processor, "ProcessorConfig"))
    return "INLINE";
  return checkProcessorConfig(ctx, processor.ProcessorConfig, fieldPath(processorAt, "ProcessorConfig"));
}
