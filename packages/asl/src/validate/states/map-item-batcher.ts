import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { checkPathField, checkPayloadTemplate } from "../jsonpath-syntax.ts";
import { checkIntegerField } from "../numeric-fields.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { checkKnownKeys, has, isFields, shown } from "../value-checks.ts";

// A batch is one child execution's input, so it cannot exceed the 256 KiB payload limit.
const MAX_BATCH_BYTES = 262_144;

/** Checks a Distributed Map's `ItemBatcher`: a batch size limit by items and/or bytes, and `BatchInput`. */
export function checkItemBatcher(s: StateUnderCheck, batcher: unknown, at: string): void {
  const { ctx } = s;
  if (!isFields(batcher)) {
    ctx.report(at, `must be an object such as {"MaxItemsPerBatch": 10}; got ${shown(batcher)}`);
    return;
  }
  const limits: [string, number][] = [
    ["MaxItemsPerBatch", Infinity],
    ["MaxInputBytesPerBatch", MAX_BATCH_BYTES],
  ];
  const paths = s.language === "JSONPath" ? limits.map(([field]) => `${field}Path`) : [];
  checkKnownKeys(
    ctx,
    batcher,
    at,
    [...limits.map(([field]) => field), ...paths, "BatchInput"],
    "ItemBatcher",
  );
  if (![...limits.map(([field]) => field), ...paths].some((field) => has(batcher, field))) {
    ctx.report(at, 'needs "MaxItemsPerBatch" or "MaxInputBytesPerBatch" (or their "...Path" forms)');
  }
  for (const [field, max] of limits) {
    if (has(batcher, field)) checkIntegerField(s, batcher[field], fieldPath(at, field), 1, max);
    const pathField = `${field}Path`;
    if (s.language === "JSONPath" && has(batcher, pathField)) {
      checkPathField(ctx, batcher[pathField], fieldPath(at, pathField), "reference");
      if (has(batcher, field)) ctx.report(at, `cannot have both "${field}" and "${pathField}"; keep one`);
    }
  }
  if (has(batcher, "BatchInput")) {
    const input = batcher.BatchInput;
    if (s.language === "JSONPath") checkPayloadTemplate(ctx, input, fieldPath(at, "BatchInput"));
    else if (!isFields(input) && !isJsonataExpression(input)) {
      ctx.report(
        fieldPath(at, "BatchInput"),
        `must be an object or a {% %} JSONata expression; got ${shown(input)}`,
      );
    }
  }
}
