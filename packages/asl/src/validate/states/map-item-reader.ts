import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { checkPathField, checkPayloadTemplate } from "../jsonpath-syntax.ts";
import { checkIntegerField } from "../numeric-fields.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { checkKnownKeys, get, has, isFields, shown, type Fields } from "../value-checks.ts";

const INPUT_TYPES = ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"];
// Step Functions reads at most 100,000,000 items per Distributed Map run.
const MAX_ITEMS = 100_000_000;

/** Checks a Distributed Map's `ItemReader`: `Resource`, `ReaderConfig`, and `Parameters`/`Arguments`. */
export function checkItemReader(s: StateUnderCheck, reader: unknown, at: string): void {
  const { ctx } = s;
  if (!isFields(reader)) {
    ctx.report(
      at,
      `must be an object with "Resource" (such as "arn:aws:states:::s3:getObject"); got ${shown(reader)}`,
    );
    return;
  }
  const argumentsField = s.language === "JSONPath" ? "Parameters" : "Arguments";
  checkKnownKeys(ctx, reader, at, ["Resource", "ReaderConfig", argumentsField], "ItemReader");
  checkResource(s, reader, at);
  if (has(reader, "Parameters") && s.language === "JSONPath") {
    checkPayloadTemplate(ctx, reader.Parameters, fieldPath(at, "Parameters"));
  }
  if (has(reader, "Arguments") && s.language === "JSONata") {
    if (!isFields(reader.Arguments) && !isJsonataExpression(reader.Arguments)) {
      ctx.report(
        fieldPath(at, "Arguments"),
        `must be an object or a {% %} JSONata expression; got ${shown(reader.Arguments)}`,
      );
    }
  }
  if (has(reader, "ReaderConfig")) checkReaderConfig(s, reader.ReaderConfig, fieldPath(at, "ReaderConfig"));
}

/** Checks the `Resource` of an `ItemReader` or `ResultWriter`. */
export function checkResource(s: StateUnderCheck, fields: Fields, at: string): void {
  const resource = get(fields, "Resource");
  if (resource === undefined) s.ctx.report(at, 'needs "Resource", such as "arn:aws:states:::s3:getObject"');
  else if (typeof resource !== "string" || !resource.startsWith("arn:")) {
    s.ctx.report(
      fieldPath(at, "Resource"),
      `must be an ARN such as "arn:aws:states:::s3:getObject"; got ${shown(resource)}`,
    );
  }
}

function checkReaderConfig(s: StateUnderCheck, config: unknown, at: string): void {
  const { ctx } = s;
  if (!isFields(config)) {
    ctx.report(
      at,
      `must be an object such as {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"}; got ${shown(config)}`,
    );
    return;
  }
  const allowed = [
    "InputType",
    "CSVHeaderLocation",
    "CSVHeaders",
    "CSVDelimiter",
    "ManifestType",
    "MaxItems",
  ];
  if (s.language === "JSONPath") allowed.push("MaxItemsPath");
  checkKnownKeys(ctx, config, at, allowed, "ReaderConfig");
  const inputType = get(config, "InputType");
  if (inputType !== undefined && !INPUT_TYPES.includes(inputType as string)) {
    ctx.report(
      fieldPath(at, "InputType"),
      `must be one of ${INPUT_TYPES.map((t) => `"${t}"`).join(", ")}; got ${shown(inputType)}`,
    );
  }
  const location = get(config, "CSVHeaderLocation");
  if (location !== undefined && location !== "FIRST_ROW" && location !== "GIVEN") {
    ctx.report(fieldPath(at, "CSVHeaderLocation"), `must be "FIRST_ROW" or "GIVEN"; got ${shown(location)}`);
  }
  const headers = get(config, "CSVHeaders");
  if (headers !== undefined && (!Array.isArray(headers) || !headers.every((h) => typeof h === "string"))) {
    ctx.report(
      fieldPath(at, "CSVHeaders"),
      `must be an array of column names (strings); got ${shown(headers)}`,
    );
  }
  if (location === "GIVEN" && headers === undefined) {
    ctx.report(at, 'with "CSVHeaderLocation": "GIVEN", list the column names in "CSVHeaders"');
  }
  for (const field of ["CSVDelimiter", "ManifestType"]) {
    const value = get(config, field);
    if (value !== undefined && typeof value !== "string")
      ctx.report(fieldPath(at, field), `must be a string; got ${shown(value)}`);
  }
  if (has(config, "MaxItems")) checkIntegerField(s, config.MaxItems, fieldPath(at, "MaxItems"), 0, MAX_ITEMS);
  if (s.language === "JSONPath" && has(config, "MaxItemsPath")) {
    checkPathField(ctx, config.MaxItemsPath, fieldPath(at, "MaxItemsPath"), "reference");
    if (has(config, "MaxItems")) ctx.report(at, 'cannot have both "MaxItems" and "MaxItemsPath"; keep one');
  }
}
