import { isJsonataExpression } from "../../jsonata/jsonata-template.ts";
import { checkPayloadTemplate } from "../jsonpath-syntax.ts";
import { fieldPath } from "../problem-path.ts";
import type { StateUnderCheck } from "../state-under-check.ts";
import { checkKnownKeys, get, has, isFields, shown } from "../value-checks.ts";
import { checkResource } from "./map-item-reader.ts";

/** Checks a Distributed Map's `ResultWriter`: where results go (`Resource` + arguments) and/or `WriterConfig`. */
export function checkResultWriter(s: StateUnderCheck, writer: unknown, at: string): void {
  const { ctx } = s;
  if (!isFields(writer)) {
    ctx.report(
      at,
      `must be an object with "Resource" ("arn:aws:states:::s3:putObject") or "WriterConfig"; got ${shown(writer)}`,
    );
    return;
  }
  const argumentsField = s.language === "JSONPath" ? "Parameters" : "Arguments";
  checkKnownKeys(ctx, writer, at, ["Resource", argumentsField, "WriterConfig"], "ResultWriter");
  if (has(writer, "Resource")) checkResource(s, writer, at);
  else if (!has(writer, "WriterConfig")) {
    ctx.report(at, 'needs "Resource" (such as "arn:aws:states:::s3:putObject") or "WriterConfig"');
  }
  if (s.language === "JSONPath" && has(writer, "Parameters")) {
    checkPayloadTemplate(ctx, writer.Parameters, fieldPath(at, "Parameters"));
  }
  if (s.language === "JSONata" && has(writer, "Arguments")) {
    if (!isFields(writer.Arguments) && !isJsonataExpression(writer.Arguments)) {
      ctx.report(
        fieldPath(at, "Arguments"),
        `must be an object or a {% %} JSONata expression; got ${shown(writer.Arguments)}`,
      );
    }
  }
  if (has(writer, "WriterConfig")) {
    const config = writer.WriterConfig;
    const configAt = fieldPath(at, "WriterConfig");
    if (!isFields(config)) {
      ctx.report(
        configAt,
        `must be an object such as {"OutputType": "JSON", "Transformation": "NONE"}; got ${shown(config)}`,
      );
      return;
    }
    checkKnownKeys(ctx, config, configAt, ["OutputType", "Transformation"], "WriterConfig");
    const enums: [string, string[]][] = [
      ["OutputType", ["JSON", "JSONL"]],
      ["Transformation", ["NONE", "COMPACT", "FLATTEN"]],
    ];
    for (const [field, values] of enums) {
      const value = get(config, field);
      if (value !== undefined && !values.includes(value as string)) {
        ctx.report(
          fieldPath(configAt, field),
          `must be one of ${values.map((v) => `"${v}"`).join(", ")}; got ${shown(value)}`,
        );
      }
    }
  }
}
